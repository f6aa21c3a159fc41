using Firebreak.Core.OnCall;
using NodaTime;

namespace Firebreak.Core.Tests.OnCall;

/// <summary>Schedules written as text (config files, API bodies): parsed into the domain, or every mistake named.</summary>
public sealed class ScheduleSpecTests
{
    private static Instant At(string text) => NodaTime.Text.InstantPattern.ExtendedIso.Parse(text).Value;

    [Fact]
    public void WeeklyRotationWithBusinessHoursLayer_AndOverride_BuildsTheSameScheduleAsCode()
    {
        var spec = new ScheduleSpec("Europe/Berlin",
            [
                new LayerSpec("primary", [["ann"], ["bob"]], "weekly", "2026-01-05T09:00"),
                new LayerSpec("office", [["cy", "dee"]], "daily", "2026-01-05T00:00", Restrictions: ["Mon-Fri 09:00-17:00"]),
            ],
            [new OverrideSpec("eve", "2026-01-10T08:00:00Z", "2026-01-10T20:00:00Z")]);

        var (schedule, errors) = spec.Build();

        Assert.Empty(errors);
        Assert.Equal(["cy", "dee"], schedule!.OnCallAt(At("2026-01-06T10:00:00Z")).People);
        Assert.Equal(["ann"], schedule.OnCallAt(At("2026-01-06T20:00:00Z")).People);
        Assert.Equal(["bob"], schedule.OnCallAt(At("2026-01-12T20:00:00Z")).People);
        Assert.Equal(["eve"], schedule.OnCallAt(At("2026-01-10T12:00:00Z")).People);
    }

    // A browser's datetime-local field may hand over seconds ("2026-01-05T09:00:00"), as may a script writing ISO 8601.
    [Theory]
    [InlineData("2026-01-05T09:00")]
    [InlineData("2026-01-05T09:00:00")]
    public void LayerStart_WithOrWithoutSeconds_IsTheSameStart(string start)
    {
        var (schedule, errors) = new ScheduleSpec("UTC", [new LayerSpec(null, [["a"], ["b"]], "daily", start)]).Build();

        Assert.Empty(errors);
        Assert.Equal(["a"], schedule!.OnCallAt(At("2026-01-06T08:59:00Z")).People);
        Assert.Equal(["b"], schedule.OnCallAt(At("2026-01-06T09:00:00Z")).People);
    }

    [Theory]
    [InlineData("12h", 12 * 60)]
    [InlineData("30m", 30)]
    [InlineData("hourly", 60)]
    public void ElapsedShiftLengths_HandOffOnTheClock(string shift, int minutes)
    {
        var (schedule, errors) = new ScheduleSpec("UTC", [new LayerSpec(null, [["a"], ["b"]], shift, "2026-01-05T00:00")]).Build();

        Assert.Empty(errors);
        var start = At("2026-01-05T00:00:00Z");
        Assert.Equal(["a"], schedule!.OnCallAt(start + Duration.FromMinutes(minutes) - Duration.Epsilon).People);
        Assert.Equal(["b"], schedule.OnCallAt(start + Duration.FromMinutes(minutes)).People);
    }

    [Theory]
    [InlineData("Mon-Fri", "2026-01-09T12:00:00Z", "2026-01-10T12:00:00Z")]
    [InlineData("Sat,Sun", "2026-01-10T12:00:00Z", "2026-01-09T12:00:00Z")]
    [InlineData("22:00-06:00", "2026-01-09T23:00:00Z", "2026-01-09T12:00:00Z")]
    [InlineData("Fri 17:00 - Mon 09:00", "2026-01-11T12:00:00Z", "2026-01-12T12:00:00Z")]
    [InlineData("Friday 18:00 - Monday 08:00", "2026-01-10T12:00:00Z", "2026-01-09T12:00:00Z")]
    public void Restrictions_AsPeopleWriteThem(string restriction, string on, string off)
    {
        var (schedule, errors) = new ScheduleSpec("UTC", [new LayerSpec(null, [["a"]], "daily", "2026-01-05T00:00", Restrictions: [restriction])]).Build();

        Assert.Empty(errors);
        Assert.Equal(["a"], schedule!.OnCallAt(At(on)).People);
        Assert.True(schedule.OnCallAt(At(off)).IsNobody);
    }

    [Fact]
    public void EveryMistake_IsNamedWithItsLayerOrOverrideAndField()
    {
        var spec = new ScheduleSpec("Mars/Olympus",
            [new LayerSpec("primary", [["ann"]], "fortnightly", "next monday", Handoff: "9am", Restrictions: ["weekdays only", "Monkey 09:00-17:00"])],
            [new OverrideSpec("eve", "tomorrow", "2026-01-10T20:00:00Z", Mode: "swap")]);

        var (schedule, errors) = spec.Build();

        Assert.Null(schedule);
        Assert.Equal(
        [
            "layer 1 (primary): shift: 'fortnightly' is not a shift length; use hourly, daily, weekly, or a length such as 12h, 2d or 2w",
            "layer 1 (primary): start: 'next monday' is not a local date and time such as 2026-01-05T09:00",
            "layer 1 (primary): handoff: '9am' is not a time of day such as 09:00",
            "layer 1 (primary): restriction: 'weekdays only' is not understood; write e.g. 'Mon-Fri', '09:00-17:00', 'Mon-Fri 09:00-17:00' or 'Fri 17:00 - Mon 09:00'",
            "layer 1 (primary): restriction: 'Monkey 09:00-17:00' is not understood; write e.g. 'Mon-Fri', '09:00-17:00', 'Mon-Fri 09:00-17:00' or 'Fri 17:00 - Mon 09:00'",
            "override 1 (eve): from: 'tomorrow' is not a date and time with its offset, such as 2026-03-01T09:00:00+01:00",
            "override 1 (eve): mode: 'swap' is not replace or add",
        ], errors);
    }

    [Fact]
    public void ParsedButInvalid_ReportsTheDomainsOwnValidation()
    {
        var (schedule, errors) = new ScheduleSpec("Mars/Olympus", [new LayerSpec("empty", [], "daily", "2026-01-05T09:00")]).Build();

        Assert.Null(schedule);
        Assert.Contains(errors, e => e.Contains("unknown time zone 'Mars/Olympus'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("at least one participant", StringComparison.Ordinal));
    }
}
