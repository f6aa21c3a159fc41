using Firebreak.Core.OnCall;
using NodaTime;
using static Firebreak.Core.Tests.OnCall.OnCallFixtures;

namespace Firebreak.Core.Tests.OnCall;

public sealed class ScheduleTests
{
    private static readonly Layer s_primary = Weekly(Local(1, 5, 9), "ann", "bob");

    private static readonly Layer s_businessHours = new("day", Solo("dan"), ShiftLength.Daily, Local(1, 5, 0),
        Restrictions: [Restriction.TimeOfDay(new LocalTime(9, 0), new LocalTime(17, 0))]);

    [Fact]
    public void HighestLayerWithSomeoneOn_Wins_LowerLayersFillTheRest()
    {
        var schedule = new Schedule(DateTimeZone.Utc, [s_primary, s_businessHours]);

        Assert.Equal(new OnDuty(["dan"], 1, []), schedule.OnCallAt(Utc(1, 6, 10)));
        Assert.Equal(["ann"], schedule.OnCallAt(Utc(1, 6, 20)).People);
        Assert.Equal(0, schedule.OnCallAt(Utc(1, 6, 20)).Layer);
    }

    [Fact]
    public void ReplaceOverride_PutsOnlyThatPersonOn()
    {
        var schedule = new Schedule(DateTimeZone.Utc, [s_primary],
            [new ScheduleOverride("eve", Utc(1, 6, 12), Utc(1, 6, 18))]);

        var duty = schedule.OnCallAt(Utc(1, 6, 12));

        Assert.Equal(["eve"], duty.People);
        Assert.Null(duty.Layer);
        Assert.Equal([0], duty.Overrides);
        Assert.Equal("ann", schedule.Who(Utc(1, 6, 18)));
    }

    [Fact]
    public void AddOverride_JoinsWhoeverTheLayersPutOn()
    {
        var schedule = new Schedule(DateTimeZone.Utc, [s_primary],
            [new ScheduleOverride("eve", Utc(1, 6, 12), Utc(1, 6, 18), OverrideMode.Add)]);

        Assert.Equal("ann,eve", schedule.Who(Utc(1, 6, 13)));
        Assert.Equal(0, schedule.OnCallAt(Utc(1, 6, 13)).Layer);
    }

    [Fact]
    public void ReplaceOverride_BeatsAddOverride_AndOverlappingReplacementsAreOnTogether()
    {
        var schedule = new Schedule(DateTimeZone.Utc, [s_primary],
        [
            new ScheduleOverride("eve", Utc(1, 6, 12), Utc(1, 6, 18), OverrideMode.Add),
            new ScheduleOverride("fay", Utc(1, 6, 14), Utc(1, 6, 16)),
            new ScheduleOverride("gus", Utc(1, 6, 15), Utc(1, 6, 17)),
        ]);

        schedule.AssertWho(
            (Utc(1, 6, 14), "fay"),
            (Utc(1, 6, 15), "fay,gus"));
        Assert.Equal([1, 2], schedule.OnCallAt(Utc(1, 6, 15)).Overrides);
        schedule.AssertWho(
            (Utc(1, 6, 16), "gus"),
            (Utc(1, 6, 17), "ann,eve"));
    }

    [Fact]
    public void Timeline_MergesEqualNeighbours_AndNamesTheSources()
    {
        var schedule = new Schedule(DateTimeZone.Utc, [s_primary, s_businessHours],
            [new ScheduleOverride("eve", Utc(1, 6, 20), Utc(1, 6, 22))]);

        var timeline = schedule.Timeline(Range(Utc(1, 6, 0), Utc(1, 7, 0)));

        Assert.Equal(
        [
            (Utc(1, 6, 0), "ann", (int?)0),
            (Utc(1, 6, 9), "dan", 1),
            (Utc(1, 6, 17), "ann", 0),
            (Utc(1, 6, 20), "eve", null),
            (Utc(1, 6, 22), "ann", 0),
        ], timeline.Select(s => (s.Interval.Start, string.Join(",", s.OnDuty.People), s.OnDuty.Layer)));
        Assert.Equal(Utc(1, 7, 0), timeline[^1].Interval.End);
    }

    [Fact]
    public void Gaps_AreWhereNobodyIsOn_IncludingBeforeTheStartAndAfterTheEnd()
    {
        var layer = Daily(Local(1, 5, 9), "ann") with
        {
            End = Local(1, 8, 9),
            Restrictions = [Restriction.Weekdays(IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday)],
        };
        var schedule = new Schedule(DateTimeZone.Utc, [layer]);

        // 5 January 2026 is a Monday.
        Assert.Equal(
            [Range(Utc(1, 4, 0), Utc(1, 5, 9)), Range(Utc(1, 6, 0), Utc(1, 7, 0)), Range(Utc(1, 8, 0), Utc(1, 10, 0))],
            schedule.Gaps(Range(Utc(1, 4, 0), Utc(1, 10, 0))));
    }

    [Fact]
    public void Gaps_NoneWhenAnOverrideCoversTheLayersHole()
    {
        var schedule = new Schedule(DateTimeZone.Utc, [s_businessHours],
            [new ScheduleOverride("eve", Utc(1, 6, 17), Utc(1, 7, 9), OverrideMode.Add)]);

        Assert.Empty(schedule.Gaps(Range(Utc(1, 6, 9), Utc(1, 7, 17))));
    }

    [Fact]
    public void LayerTimelines_ShowEachLayerOnItsOwn()
    {
        var schedule = new Schedule(DateTimeZone.Utc, [s_primary, s_businessHours]);

        var layers = schedule.LayerTimelines(Range(Utc(1, 6, 0), Utc(1, 8, 0)));

        Assert.Equal([Range(Utc(1, 6, 0), Utc(1, 8, 0))], layers[0].Select(s => s.Interval));
        Assert.Equal([Range(Utc(1, 6, 9), Utc(1, 6, 17)), Range(Utc(1, 7, 9), Utc(1, 7, 17))], layers[1].Select(s => s.Interval));
    }
}
