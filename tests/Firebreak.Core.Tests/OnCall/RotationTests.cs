using Firebreak.Core.OnCall;
using NodaTime;
using static Firebreak.Core.Tests.OnCall.OnCallFixtures;

namespace Firebreak.Core.Tests.OnCall;

/// <summary>
/// Rotation math in local time. 2026 DST changes: New York springs forward 8 March and falls back 1 November; Berlin
/// springs forward 29 March and falls back 25 October.
/// </summary>
public sealed class RotationTests
{
    [Fact]
    public void Daily_SpringForward_NewYork_HandoffStaysAtNineLocal_ShiftIs23Hours()
    {
        var layer = Daily(Local(3, 6, 9), "ann", "bob", "cat");
        var schedule = new Schedule(NewYork, [layer]);

        var handoffs = layer.Handoffs(NewYork, Range(Utc(3, 6, 14), Utc(3, 10, 12)));

        // 09:00 EST is 14:00Z; from 8 March 09:00 EDT is 13:00Z.
        Assert.Equal([Utc(3, 7, 14), Utc(3, 8, 13), Utc(3, 9, 13)], handoffs);
        Assert.Equal(Duration.FromHours(23), handoffs[1] - handoffs[0]);
        schedule.AssertWho(
            (Utc(3, 7, 13, 59), "ann"),
            (Utc(3, 7, 14), "bob"),
            (Utc(3, 8, 12, 59), "bob"),
            (Utc(3, 8, 13), "cat"));
    }

    [Fact]
    public void Daily_FallBack_Berlin_ShiftIs25Hours()
    {
        var layer = Daily(Local(10, 23, 9), "ann", "bob");

        var handoffs = layer.Handoffs(Berlin, Range(Utc(10, 23, 7), Utc(10, 27, 8)));

        // 09:00 CEST is 07:00Z; from 25 October 09:00 CET is 08:00Z.
        Assert.Equal([Utc(10, 24, 7), Utc(10, 25, 8), Utc(10, 26, 8)], handoffs);
        Assert.Equal(Duration.FromHours(25), handoffs[1] - handoffs[0]);
    }

    [Fact]
    public void Weekly_SpringForward_Berlin_WeekIs167Hours()
    {
        var layer = Weekly(Local(3, 23, 10), "ann", "bob");
        var schedule = new Schedule(Berlin, [layer]);

        var handoffs = layer.Handoffs(Berlin, Range(Utc(3, 23, 9), Utc(4, 13, 7)));

        Assert.Equal([Utc(3, 30, 8), Utc(4, 6, 8)], handoffs);
        Assert.Equal(Duration.FromHours(167), handoffs[0] - Utc(3, 23, 9));
        schedule.AssertWho(
            (Utc(3, 30, 7, 59), "ann"),
            (Utc(3, 30, 8), "bob"),
            (Utc(4, 6, 8), "ann"));
    }

    [Fact]
    public void Weekly_FallBack_NewYork_WeekIs169Hours_AndHandoffDayIsTheStartsWeekday()
    {
        var layer = Weekly(Local(10, 28, 9), "ann", "bob");   // a Wednesday

        var handoffs = layer.Handoffs(NewYork, Range(Utc(10, 28, 13), Utc(11, 12, 14)));

        Assert.Equal([Utc(11, 4, 14), Utc(11, 11, 14)], handoffs);
        Assert.Equal(Duration.FromHours(169), handoffs[0] - Utc(10, 28, 13));
        Assert.All(handoffs, h => Assert.Equal(IsoDayOfWeek.Wednesday, h.InZone(NewYork).DayOfWeek));
    }

    [Fact]
    public void Handoff_InTheSkippedHour_MovesForwardByTheGapThatDayOnly_NewYork()
    {
        var layer = Daily(Local(3, 6, 2, 30), "ann", "bob");

        var handoffs = layer.Handoffs(NewYork, Range(Utc(3, 6, 7, 30), Utc(3, 10, 6)));

        // 02:30 does not exist on 8 March: the hand-off is at 03:30 EDT (07:30Z), then 02:30 EDT (06:30Z) again.
        Assert.Equal([Utc(3, 7, 7, 30), Utc(3, 8, 7, 30), Utc(3, 9, 6, 30)], handoffs);
    }

    [Fact]
    public void Handoff_InTheRepeatedHour_TakesTheEarlierInstant_NewYork()
    {
        var layer = Daily(Local(10, 30, 1, 30), "ann", "bob");

        var handoffs = layer.Handoffs(NewYork, Range(Utc(10, 30, 5, 30), Utc(11, 3, 6)));

        // 01:30 happens twice on 1 November; the first (EDT, 05:30Z) is the hand-off, and the next shift is 25 hours.
        Assert.Equal([Utc(10, 31, 5, 30), Utc(11, 1, 5, 30), Utc(11, 2, 6, 30)], handoffs);
    }

    [Fact]
    public void HandoffTime_DiffersFromStart_FirstSlotTakesThePartialShift()
    {
        var layer = Daily(Local(1, 5, 0), "ann", "bob") with { Handoff = new LocalTime(9, 0) };
        var schedule = new Schedule(DateTimeZone.Utc, [layer]);

        schedule.AssertWho(
            (Utc(1, 5, 0), "ann"),
            (Utc(1, 5, 9), "bob"),
            (Utc(1, 6, 9), "ann"),
            (Utc(1, 4, 23), ""));
    }

    [Fact]
    public void Hourly_IsElapsedTime_SoNobodyLosesATurnInTheSkippedHour()
    {
        var layer = new Layer("hourly", Solo("ann", "bob", "cat"), ShiftLength.Hourly, Local(3, 8, 0));

        var segments = layer.Render(NewYork, Range(Utc(3, 8, 5), Utc(3, 8, 9)));

        Assert.Equal(["ann", "bob", "cat", "ann"], segments.Select(s => s.People[0]));
        Assert.All(segments, s => Assert.Equal(Duration.FromHours(1), s.Interval.Duration));
    }

    [Fact]
    public void CustomPeriod_TwelveHourShifts_KeepLocalHandoffs_Berlin()
    {
        var layer = new Layer("day-night", Solo("day", "night"), ShiftLength.WallClock(Period.FromHours(12)), Local(3, 28, 8));
        var schedule = new Schedule(Berlin, [layer]);

        // 29 March: 08:00 CEST is 06:00Z, 20:00 CEST is 18:00Z; the night shift around the change lasts 11 hours.
        schedule.AssertWho(
            (Utc(3, 29, 5, 59), "night"),
            (Utc(3, 29, 6), "day"),
            (Utc(3, 29, 18), "night"));
    }

    [Fact]
    public void MultiPersonSlot_PutsEveryoneInTheSlotOnTogether()
    {
        var layer = new Layer("pairs", [["bob", "ann"], ["cat"]], ShiftLength.Daily, Local(1, 5, 9));
        var schedule = new Schedule(DateTimeZone.Utc, [layer]);

        Assert.Equal(["ann", "bob"], schedule.OnCallAt(Utc(1, 5, 10)).People);
        Assert.Equal(["cat"], schedule.OnCallAt(Utc(1, 6, 10)).People);
    }

    [Fact]
    public void End_StopsTheLayer()
    {
        var layer = Daily(Local(1, 5, 9), "ann") with { End = Local(1, 7, 12) };
        var schedule = new Schedule(DateTimeZone.Utc, [layer]);

        schedule.AssertWho(
            (Utc(1, 7, 11, 59), "ann"),
            (Utc(1, 7, 12), ""));
    }
}
