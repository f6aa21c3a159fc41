using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Intake.Config;
using Firebreak.Server.Features.Maintenance.Config;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Config;

/// <summary>Integrations and maintenance in config files: every mistake is reported at its file and line.</summary>
public sealed class IntakeConfigValidationTests
{
    [Fact]
    public void Validate_BrokenIntegrationsAndWindows_ReportFileAndLine()
    {
        using var dir = new TempDir();
        dir.Write("services.yaml", """
            services:
              - key: api
                time_zone: Europe/Berlin
            """);
        dir.Write("intake.yaml", """
            integrations:
              - name: prod
                kind: nagios
                service: ghost
                key: 0123456789abcdef0123
                rate_per_minute: 0
                rules:
                  - name: bad matcher
                    match: ['env is prod']
                    service: api
                  - name: bad target
                    match: [env=prod]
                    service: nowhere
                    severity: SEV-9
                  - name: no target
                    match: [env=prod]
              - name: ok
                kind: grafana
                key_env: 1BAD
                group_windw: 5m
            """);
        dir.Write("maintenance.yaml", """
            maintenance:
              - service: api
                reason: Nightly job
                cron: "61 * * * *"
                duration: 1h
              - service: api
                reason: Wrong zone
                days: [sun]
                start: "02:00"
                duration: 2h
                time_zone: Mars/Olympus
              - service: nowhere
                reason: Unknown service
                from: 2026-01-01T00:00:00Z
                to: 2026-01-01T01:00:00Z
              - service: api
                reason: Backwards
                from: 2026-01-02T00:00:00Z
                to: 2026-01-01T00:00:00Z
              - service: api
                reason: Two schedules
                cron: "0 2 * * *"
                days: [mon]
              - service: api
                reason: Bad weekday
                days: [funday]
                start: "02:00"
                duration: 1h
            """);

        var (_, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);

        void Has(string where, string text) =>
            Assert.True(errors.Any(e => e.StartsWith($"{where}: ", StringComparison.Ordinal) && e.Contains(text, StringComparison.Ordinal)),
                $"no error at {where} mentioning '{text}' in:\n{string.Join("\n", errors)}");
        Has("intake.yaml:3", "Unknown kind 'nagios'");
        Has("intake.yaml:2", "unknown service 'ghost'");
        Has("intake.yaml:5", "never written in config");
        Has("intake.yaml:6", "between 1 and 1,000,000");
        Has("intake.yaml:8", "'env is prod' is not a matcher");
        Has("intake.yaml:11", "unknown service 'nowhere'");
        Has("intake.yaml:11", "unknown severity 'SEV-9'");
        Has("intake.yaml:15", "at least one of: service, severity, drop");
        Has("intake.yaml:19", "not an environment variable name");
        Has("intake.yaml:20", "unknown field 'group_windw'");
        Has("maintenance.yaml:4", "not a 5-field cron expression");
        Has("maintenance.yaml:11", "unknown time zone 'Mars/Olympus'");
        Has("maintenance.yaml:12", "unknown service 'nowhere'");
        Has("maintenance.yaml:19", "end must be after the start");
        Has("maintenance.yaml:20", "exactly one of");
        Has("maintenance.yaml:26", "'funday' is not a weekday");
        Assert.Equal(16, errors.Count);
    }

    [Fact]
    public void Validate_ShippedExamples_IncludeAnIntegrationAndAWeeklyWindow()
    {
        var (set, errors) = FirebreakServer.OfflineConfigReader().Read(ConfigApplier.FindExamplesDir());

        Assert.Empty(errors);
        Assert.Contains(set.Integrations, i => i.Kind == "alertmanager" && i.Rules.Count > 0 && i.KeyEnv is null);
        Assert.Contains(set.Maintenance, m => m.Request.Kind == "weekly");
    }
}
