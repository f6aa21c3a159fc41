using CsCheck;
using Firebreak.Core.OnCall;
using NodaTime;
using static Firebreak.Core.Tests.OnCall.OnCallGenerators;

namespace Firebreak.Core.Tests.OnCall;

public sealed class SchedulePropertyTests
{
    [Fact]
    public void Timeline_IsContiguousOrderedAndCoversTheRange_GapsAreExactlyWhereNobodyIs() =>
        ScheduleInRange.Sample((schedule, range) =>
        {
            var timeline = schedule.Timeline(range);

            Assert.Equal(range.Start, timeline[0].Interval.Start);
            Assert.Equal(range.End, timeline[^1].Interval.End);
            foreach (var (a, b) in timeline.Zip(timeline.Skip(1)))
            {
                Assert.Equal(a.Interval.End, b.Interval.Start);
                Assert.NotEqual(a.OnDuty, b.OnDuty);
            }

            Assert.All(timeline, s => Assert.True(s.Interval.Start < s.Interval.End));
            Assert.Equal(timeline.Where(s => s.OnDuty.IsNobody).Select(s => s.Interval), schedule.Gaps(range));
        }, iter: 200);

    [Fact]
    public void OnCallAt_EqualsTheTimelineSegmentContainingTheInstant() =>
        Gen.Select(ScheduleInRange, Gen.Double[0, 0.999].Array[5]).Sample((scheduleInRange, fractions) =>
        {
            var (schedule, range) = scheduleInRange;
            var timeline = schedule.Timeline(range);
            foreach (var t in fractions.Select(f => range.Within(f)).Append(range.Start))
            {
                Assert.Equal(timeline.Single(s => s.Interval.Contains(t)).OnDuty, schedule.OnCallAt(t));
            }
        }, iter: 200);

    [Fact]
    public void Overrides_PutTheirPeopleOnThroughout_ReplacingOnesWinningOverAddingOnes() =>
        ScheduleInRange.Sample((schedule, range) =>
        {
            foreach (var (o, index) in schedule.Overrides!.Select((o, i) => (o, i)))
            {
                foreach (var t in new[] { o.From, o.To - Duration.Epsilon, new Interval(o.From, o.To).Within(0.5) })
                {
                    var duty = schedule.OnCallAt(t);
                    var replaced = schedule.Overrides!.Any(r => r.Mode == OverrideMode.Replace && r.Covers(t));
                    var inForce = o.Mode == OverrideMode.Replace || !replaced;
                    Assert.Equal(inForce, duty.Overrides.Contains(index));
                    Assert.True(!inForce || duty.People.Contains(o.Person));
                    Assert.True(!replaced || duty.Layer is null);
                }
            }
        }, iter: 100);

    [Fact]
    public void UnrestrictedLayer_WithoutEnd_LeavesNoGapsOnceStarted() =>
        Gen.Select(AnyLayer(Slots, restricted: false, ends: false), Gen.Int[0, Zones.Length - 1], Gen.Int[0, 24 * 60], Gen.Int[1, 24 * 30])
            .Sample((layer, zone, offsetHours, hours) =>
            {
                var start = Zones[zone].AtLeniently(layer.Start).ToInstant() + Duration.FromHours(offsetHours);

                Assert.Empty(new Schedule(Zones[zone], [layer]).Gaps(new Interval(start, start + Duration.FromHours(hours))));
            }, iter: 200);

    [Fact]
    public void Rotation_GivesEverySlotItsShiftInOrder_HandingOffAtTheLocalHandoffTime() =>
        Gen.Select(AnyLayer(Rotation, restricted: false, ends: false), Gen.Int[0, Zones.Length - 1], Gen.Int[24, 24 * 90])
            .Sample((layer, zoneIndex, hours) =>
            {
                var zone = Zones[zoneIndex];
                var start = zone.AtLeniently(layer.Start).ToInstant();
                var segments = layer.Render(zone, new Interval(start, start + Duration.FromHours(hours)));

                Assert.Equal(layer.RotationOffset % layer.Participants.Count, segments[0].Slot);
                foreach (var (a, b) in segments.Zip(segments.Skip(1)))
                {
                    Assert.Equal((a.Slot + 1) % layer.Participants.Count, b.Slot);
                    var handoff = b.Interval.Start.InZone(zone).LocalDateTime;
                    if (layer.Shift.Period is { HasTimeComponent: false })
                    {
                        // The hand-off keeps its local time, except on the day it does not exist (then later by the gap).
                        var intended = handoff.Date + layer.HandoffTime;
                        Assert.True(handoff.TimeOfDay == layer.HandoffTime || zone.MapLocal(intended).Count == 0, $"hand-off at {handoff}");
                    }
                }
            }, iter: 200);

    [Fact]
    public void ReplaceParticipants_KeepsWhoeverIsOnUnlessRemoved_ThenContinuesInTheNewOrder() =>
        Gen.Select(
            AnyLayer(Rotation, restricted: true, ends: false),
            Gen.Int[0, Zones.Length - 1],
            Gen.Int[0, 24 * 60],
            Gen.Int[0, 6].ArrayUnique[1, 6])
            .Sample((layer, zoneIndex, hoursIn, picks) =>
            {
                var zone = Zones[zoneIndex];
                var at = zone.AtLeniently(layer.Start).ToInstant() + Duration.FromHours(hoursIn);
                // Picks below the old size keep an old participant (in a new order); the others are newcomers.
                var updated = OnCallFixtures.Solo([.. picks.Select(p => $"r{p}")]);
                var before = layer.Participants[layer.SlotAt(zone, at)!.Value][0];

                var edited = LayerEdit.ReplaceParticipants(layer, zone, updated, at);

                var now = edited.Participants[edited.SlotAt(zone, at)!.Value][0];
                var position = updated.Select(s => s[0]).ToList().IndexOf(now);
                if (updated.Any(s => s[0] == before))
                {
                    Assert.Equal(before, now);
                }
                else
                {
                    Assert.NotEqual(before, now);
                }

                var next = edited.SlotAt(zone, layer.ShiftEndAfter(zone, at))!.Value;
                Assert.Equal((position + 1) % updated.Count, next);
            }, iter: 300);
}
