using Firebreak.Core.OnCall;
using NodaTime;
using static Firebreak.Core.Tests.OnCall.OnCallFixtures;

namespace Firebreak.Core.Tests.OnCall;

public sealed class ScheduleValidationTests
{
    private static readonly Layer s_valid = Daily(Local(1, 5, 9), "ann");

    [Fact]
    public void Create_Valid_ReturnsTheScheduleInItsZone()
    {
        var (schedule, errors) = Schedule.Create("Europe/Berlin", [s_valid]);

        Assert.Empty(errors);
        Assert.Equal(Berlin, schedule!.Zone);
    }

    [Theory]
    [InlineData("Mars/Olympus", "unknown time zone 'Mars/Olympus'")]
    [InlineData(" ", "needs a time zone")]
    public void Create_UnknownOrMissingZone_SaysSo_AlongWithOtherProblems(string zone, string expected)
    {
        var (schedule, errors) = Schedule.Create(zone, [s_valid with { Participants = [] }]);

        Assert.Null(schedule);
        Assert.Equal(2, errors.Count);
        Assert.Contains(expected, errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ListsEveryProblem_NamingTheLayer()
    {
        var broken = new Layer("nights", [], ShiftLength.Elapsed(Duration.Zero), Local(1, 5, 9), End: Local(1, 4, 9),
            Restrictions:
            [
                Restriction.TimeOfDay(new LocalTime(9, 0), new LocalTime(9, 0)),
                Restriction.Weekdays(),
                Restriction.Weekly(IsoDayOfWeek.None, new LocalTime(9, 0), IsoDayOfWeek.Friday, new LocalTime(17, 0)),
            ]);

        var errors = new Schedule(DateTimeZone.Utc, [broken]).Validate();

        Assert.All(errors, e => Assert.StartsWith("layer 'nights': ", e, StringComparison.Ordinal));
        Assert.Collection(errors,
            e => Assert.Contains("at least one participant", e, StringComparison.Ordinal),
            e => Assert.Contains("at least 1 minute", e, StringComparison.Ordinal),
            e => Assert.Contains("before it starts", e, StringComparison.Ordinal),
            e => Assert.Contains("starts and ends at the same time", e, StringComparison.Ordinal),
            e => Assert.Contains("names no days", e, StringComparison.Ordinal),
            e => Assert.Contains("is not a weekday", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 0)]
    [InlineData(1, -25)]
    public void Validate_ShiftLengthNotPositive_IsAProblem(int days, int hours)
    {
        var layer = s_valid with { Shift = ShiftLength.WallClock(new PeriodBuilder { Days = days, Hours = hours }.Build()) };

        Assert.Contains("shift length", Assert.Single(layer.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptySlotAndBadOverride()
    {
        var layer = new Layer("pairs", [["ann"], []], ShiftLength.Weekly, Local(1, 5, 9));
        var schedule = new Schedule(DateTimeZone.Utc, [layer], [new ScheduleOverride("eve", Utc(1, 6, 0), Utc(1, 6, 0))]);

        Assert.Equal(
            ["layer 'pairs': participant slot 2 is empty or has a blank name", "override 1 (eve): ends (2026-01-06T00:00:00Z) at or before it starts (2026-01-06T00:00:00Z)"],
            schedule.Validate());
    }

    [Fact]
    public void Validate_NoLayers_IsAProblem() =>
        Assert.Equal(["a schedule needs at least one layer"], new Schedule(DateTimeZone.Utc, []).Validate());
}
