using Firebreak.Core.OnCall;
using NodaTime;
using static Firebreak.Core.Tests.OnCall.OnCallFixtures;

namespace Firebreak.Core.Tests.OnCall;

public sealed class RestrictionTests
{
    private static readonly IsoDayOfWeek[] s_workdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static Schedule Restricted(DateTimeZone zone, params Restriction[] restrictions) =>
        new(zone, [Weekly(Local(3, 2, 0), "ann", "bob") with { Restrictions = restrictions }]);

    [Fact]
    public void BusinessHours_OnWorkdays_FollowLocalTimeAcrossDst_Berlin()
    {
        var schedule = Restricted(Berlin, Restriction.TimeOfDay(new LocalTime(9, 0), new LocalTime(17, 0), s_workdays));

        // Friday 27 March (CET): 09:00–17:00 is 08:00–16:00Z. Monday 30 March (CEST): 07:00–15:00Z.
        schedule.AssertWho(
            (Utc(3, 27, 7, 59), ""),
            (Utc(3, 27, 8), "bob"),
            (Utc(3, 27, 16), ""),
            (Utc(3, 28, 12), ""),   // Saturday
            (Utc(3, 30, 7), "ann"),
            (Utc(3, 30, 15), ""));
    }

    [Fact]
    public void Window_CrossingMidnight_RunsIntoTheNextDay_NewYork()
    {
        var schedule = Restricted(NewYork, Restriction.TimeOfDay(new LocalTime(22, 0), new LocalTime(6, 0)));

        // EST: 22:00 is 03:00Z the next day, 06:00 is 11:00Z.
        schedule.AssertWho(
            (Utc(3, 4, 2, 59), ""),
            (Utc(3, 4, 3), "ann"),
            (Utc(3, 4, 10, 59), "ann"),
            (Utc(3, 4, 11), ""));
    }

    [Fact]
    public void Window_CrossingMidnight_OnGivenDays_BelongsToTheDayItStarts()
    {
        var schedule = Restricted(DateTimeZone.Utc, Restriction.TimeOfDay(new LocalTime(22, 0), new LocalTime(6, 0), IsoDayOfWeek.Friday));

        schedule.AssertWho(
            (Utc(3, 7, 5), "ann"),    // Saturday early morning: Friday's window
            (Utc(3, 8, 5), ""),       // Sunday early morning: no Saturday window
            (Utc(3, 6, 5), ""));       // Friday early morning: no Thursday window
    }

    [Fact]
    public void Weekdays_AreWholeLocalDays()
    {
        var schedule = Restricted(Berlin, Restriction.Weekdays(IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday));

        // Saturday 7 March 00:00 CET is Friday 23:00Z.
        schedule.AssertWho(
            (Utc(3, 6, 22, 59), ""),
            (Utc(3, 6, 23), "ann"),
            (Utc(3, 8, 22, 59), "ann"),
            (Utc(3, 8, 23), ""));
    }

    [Fact]
    public void WeeklyWindow_MondayToFriday()
    {
        var schedule = Restricted(DateTimeZone.Utc,
            Restriction.Weekly(IsoDayOfWeek.Monday, new LocalTime(9, 0), IsoDayOfWeek.Friday, new LocalTime(17, 0)));

        schedule.AssertWho(
            (Utc(3, 2, 8, 59), ""),
            (Utc(3, 4, 3), "ann"),    // Wednesday night counts
            (Utc(3, 6, 16, 59), "ann"),
            (Utc(3, 6, 17), ""));
    }

    [Fact]
    public void WeeklyWindow_Wrapping_FridayEveningToMondayMorning()
    {
        var schedule = Restricted(DateTimeZone.Utc,
            Restriction.Weekly(IsoDayOfWeek.Friday, new LocalTime(17, 0), IsoDayOfWeek.Monday, new LocalTime(9, 0)));

        schedule.AssertWho(
            (Utc(3, 2, 8, 59), "ann"),   // from the Friday before the layer's first week
            (Utc(3, 2, 9), ""),
            (Utc(3, 8, 12), "ann"),
            (Utc(3, 9, 8), "bob"));       // the hand-off (Monday 00:00) falls inside the window
    }

    [Fact]
    public void SeveralRestrictions_AreAUnion()
    {
        var schedule = Restricted(DateTimeZone.Utc,
            Restriction.TimeOfDay(new LocalTime(9, 0), new LocalTime(12, 0)),
            Restriction.TimeOfDay(new LocalTime(13, 0), new LocalTime(17, 0)));

        Assert.Equal(
            [Range(Utc(3, 3, 0), Utc(3, 3, 9)), Range(Utc(3, 3, 12), Utc(3, 3, 13)), Range(Utc(3, 3, 17), Utc(3, 4, 0))],
            schedule.Gaps(Range(Utc(3, 3, 0), Utc(3, 4, 0))));
    }
}
