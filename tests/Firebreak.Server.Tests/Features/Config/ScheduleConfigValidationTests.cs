using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.OnCall.Config;
using Firebreak.Server.Tests.Features.Cli;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Config;

/// <summary>Schedules in config files: mistakes at their file and line, and gaps in the cover as warnings.</summary>
public sealed class ScheduleConfigValidationTests
{
    [Fact]
    public void Read_Schedules_MapsSlotsOverridesAndOffsetsToTheSpec()
    {
        using var dir = new TempDir();
        dir.Write("schedules.yaml", """
            schedules:
              - key: payments
                name: Payments
                time_zone: America/New_York
                layers:
                  - name: primary
                    participants: [ann, [bob, cy]]
                    shift: 12h
                    start: 2026-01-05T08:00
                    handoff: "08:00"
                    end: 2026-06-30T08:00
                    restrictions: Mon-Fri
                    rotation_offset: 1
                overrides:
                  - person: cy
                    from: 2026-01-16T09:00:00-05:00
                    to: 2026-01-16T17:00:00-05:00
                    mode: add
            """);

        var (set, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);

        Assert.Empty(errors);
        var schedule = Assert.Single(set.Schedules);
        Assert.True(schedule.ManagesOverrides);
        var layer = Assert.Single(schedule.Spec.Layers);
        Assert.Equal([["ann"], ["bob", "cy"]], layer.Participants);
        Assert.Equal("12h|08:00|2026-06-30T08:00|2026-01-05T08:00", string.Join("|", layer.Shift, layer.Handoff, layer.End, layer.Start));
        Assert.Equal(1, layer.RotationOffset);
        Assert.Equal(["Mon-Fri"], layer.Restrictions);
        Assert.Equal("add", Assert.Single(schedule.Spec.Overrides!).Mode);
    }

    [Fact]
    public void Validate_BrokenSchedules_ReportTheSpecsMessagesAtFileAndLine()
    {
        using var dir = new TempDir();
        dir.Write("schedules.yaml", """
            schedules:
              - key: Platform_Primary
                time_zone: Europe/Berlin
                layers:
                  - name: primary
                    participants: [ann, [bob, cy]]
                    shift: fortnightly
                    start: 2026-01-05T09:00
                    handoff: 9am
                    rotation: 1
                overrides:
                  - person: ann
                    from: yesterday
                    to: 2026-01-06T09:00:00+01:00
              - key: zone
                time_zone: Mars/Olympus
                layers:
                  - name: a
                    participants: [ann]
                    shift: daily
                    start: 2026-01-05T09:00
                  - name: b
                    participants: []
                    shift: daily
                    start: 2026-01-05T09:00
              - key: twice
                time_zone: UTC
                layers:
                  - name: a
                    participants: [ann]
                    shift: daily
                    start: 2026-01-05T09:00
                  - name: a
                    participants: [bob]
                    shift: daily
                    start: 2026-01-05T09:00
            """);

        var (_, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);

        void Has(string where, string text) =>
            Assert.True(errors.Any(e => e.StartsWith($"{where}: ", StringComparison.Ordinal) && e.Contains(text, StringComparison.Ordinal)),
                $"no error at {where} mentioning '{text}' in:\n{string.Join("\n", errors)}");
        Has("schedules.yaml:2", "schedule key 'Platform_Primary'");
        Has("schedules.yaml:7", "layer 1 (primary): shift: 'fortnightly' is not a shift length");
        Has("schedules.yaml:9", "handoff: '9am' is not a time of day");
        Has("schedules.yaml:10", "unknown field 'rotation'");
        Has("schedules.yaml:13", "override 1 (ann): from: 'yesterday'");
        Has("schedules.yaml:16", "schedule 'zone': unknown time zone 'Mars/Olympus'");
        Has("schedules.yaml:23", "layer 'b': needs at least one participant");
        Has("schedules.yaml:33", "schedule 'twice': layer 'a' is defined more than once");
    }

    [Fact]
    public void Warnings_NightsAndWeekendsUncovered_NameEachGapInTheSchedulesZone()
    {
        using var dir = new TempDir();
        dir.Write("schedules.yaml", """
            schedules:
              - key: platform
                time_zone: Europe/Berlin
                layers:
                  - name: office
                    participants: [ann, bob]
                    shift: weekly
                    start: 2026-11-02T09:00
                    restrictions: ["Mon 09:00 - Fri 18:00"]
              - key: always
                time_zone: UTC
                layers:
                  - name: all
                    participants: [ann]
                    shift: daily
                    start: 2026-01-05T09:00
            """);
        var (set, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);

        // Thursday 2026-11-26 12:00 UTC: four weekends ahead, each from Friday evening to Monday morning.
        var warnings = FirebreakServer.OfflineConfigReader().Warnings(set, new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

        Assert.Empty(errors);
        Assert.Equal(
        [
            "schedules.yaml:2: warning: schedule platform: nobody on call Fri 2026-11-27 18:00 – Mon 09:00 (Europe/Berlin)",
            "schedules.yaml:2: warning: schedule platform: nobody on call Fri 2026-12-04 18:00 – Mon 09:00 (Europe/Berlin)",
            "schedules.yaml:2: warning: schedule platform: nobody on call Fri 2026-12-11 18:00 – Mon 09:00 (Europe/Berlin)",
            "schedules.yaml:2: warning: schedule platform: nobody on call Fri 2026-12-18 18:00 – Mon 09:00 (Europe/Berlin)",
        ], warnings);
    }

    [Fact]
    public async Task ValidateCommand_GapsAreWarnings_AndTheExitCodeStaysZero()
    {
        using var dir = new TempDir();
        dir.Write("schedules.yaml", """
            schedules:
              - key: weekdays
                time_zone: Europe/Berlin
                layers:
                  - name: office
                    participants: [ann]
                    shift: daily
                    start: 2026-01-05T00:00
                    restrictions: [Mon-Fri]
            """);

        var run = await FirebreakProcess.RunAsync(new Dictionary<string, string?>(), "config", "validate", dir.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("schedules.yaml:2: warning: schedule weekdays: nobody on call Sat ", run.Error, StringComparison.Ordinal);
        Assert.Contains("– Mon 00:00 (Europe/Berlin)", run.Error, StringComparison.Ordinal);
        Assert.Contains("Config is valid, with ", run.Out, StringComparison.Ordinal);
    }
}
