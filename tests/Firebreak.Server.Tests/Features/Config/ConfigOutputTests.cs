using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Config;

/// <summary>
/// What config as code says, word for word: every error of a folder broken in each section, and the plan, apply and
/// audit of the shipped examples. Kept as golden files so that moving code between features cannot change a line of it.
/// </summary>
public abstract class ConfigOutputTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task PlanApplyPlan_ShippedExamples_SayExactlyWhatTheyDid()
    {
        var dir = ConfigApplier.FindExamplesDir();
        var text = new System.Text.StringBuilder();
        var firstAudit = await Server.WithDbAsync(db => db.AuditEvents.MaxAsync(a => (long?)a.Id)) ?? 0;

        var before = await PlanAsync(dir);
        text.AppendLine("# plan").AppendJoin('\n', before.Errors.Concat(before.Warnings ?? [])).AppendLine().Append(before.Render());
        ApplyResult applied;
        await using (var scope = Server.App.Services.CreateAsyncScope())
        {
            applied = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir, demo: true, default);
        }

        text.AppendLine("# apply").AppendJoin('\n', applied.Errors).AppendLine().AppendLine(applied.Summary)
            .AppendJoin('\n', applied.Changes.Select(c => $"{c.Kind} {c.Resource}: {c.FieldNames}")).AppendLine()
            .Append(applied.Notices.Count).AppendLine(" notice(s)");
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Id > firstAudit).OrderBy(a => a.Id)
            .Select(a => new { a.Actor, a.Action, a.Resource, a.Details }).ToListAsync());
        text.AppendLine("# audit").AppendJoin('\n', audit.Select(a => $"{a.Actor} {a.Action} {a.Resource} {a.Details}")).AppendLine();
        var after = await PlanAsync(dir);
        text.AppendLine("# plan again").AppendJoin('\n', after.Errors.Concat(after.Warnings ?? [])).AppendLine().Append(after.Render());

        Golden.Check("examples-plan-apply", text.ToString());
    }

    private async Task<ConfigPlan> PlanAsync(string dir)
    {
        await using var scope = Server.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConfigApplier>().PlanAsync(dir, default);
    }
}

public sealed class ConfigOutputTests_Sqlite(SqliteServerFixture f) : ConfigOutputTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ConfigOutputTests_Postgres(PostgresServerFixture f) : ConfigOutputTests(f), IClassFixture<PostgresServerFixture>;

/// <summary>Every error a folder broken in each section gets, in order, at its file and line.</summary>
public sealed class ConfigErrorOutputTests
{
    [Fact]
    public void OfflineConfigReader_EveryFeaturesSection_InDeclaredOrder()
    {
        var sections = FirebreakServer.OfflineConfigReader().Sections;

        Assert.Equal(["integrations", "maintenance", "schedules", "escalation_policies", "runbooks", "status_components", "comms_templates", "stakeholders", "incidents", "reviews", "action_items"], sections.Select(s => s.Key));
    }

    [Fact]
    public void Read_FolderBrokenInEverySection_ListsEveryErrorInOrder()
    {
        using var dir = new TempDir();
        dir.Write("a-people.yaml", """
            severity:
              preset: sev
            users:
              - username: zoe
                role: wizard
              - username: vic
                role: viewer
              - username: zoe
            teams:
              - key: core
                members: [zoe, ghost]
            services:
              - key: api
                team: nowhere
                time_zone: Mars/Olympus
                auto_resolve: maybe
                escalation_policy: payments
            srvices: []
            """);
        dir.Write("b-intake.yaml", """
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
              - name: prod
                kind: grafana
                key_env: 1BAD
                group_windw: 5m
            maintenance:
              - service: api
                reason: Nightly job
                cron: "61 * * * *"
                duration: 1h
              - service: nowhere
                reason: Unknown service
                from: 2026-01-01T00:00:00Z
                to: 2026-01-01T01:00:00Z
              - service: api
                reason: Both
                from: 2026-01-01T00:00:00Z
                cron: "0 * * * *"
            """);
        dir.Write("c-oncall.yaml", """
            schedules:
              - key: Bad Key
                time_zone: Mars/Olympus
                layers:
                  - name: days
                    participants: [zoe]
                    shift: fortnightly
                    start: "2026-01-01 09:00"
                  - name: days
                    participants: [zoe]
                    shift: weekly
                    start: "2026-01-01 09:00"
              - key: nolayers
            escalation_policies:
              - key: none
                steps:
                  - targets: [user:zoe]
                    delay: forever
                rules:
                  - key: r1
                    when: [severity is SEV-9]
                    notify: [user:zoe]
                  - key: r1
                    when: [not mitigated within 15m]
                    notify: []
                repeats: -1
              - key: nosteps
                colour: blue
            incidents:
              - title: Broken
                severity: SEV-9
                service: ghost
                commander: nobody
                events:
                  - { status: sleeping }
                  - { after: 1m, status: sleeping }
              - title: No age
                severity: SEV-1
              - title: Unknown names
                severity: SEV-9
                service: ghost
                declared_ago: 1d
                commander: nobody
            """);
        dir.Write("c-status.yaml", """
            status_components:
              - { key: Not A Key, name: Storefront }
              - { key: api-status, name: API, services: [ghost] }
              - { key: api-status, name: API again }
            stakeholders:
              - { key: ops, email: ops@example.com, services: [ghost] }
            """);
        dir.Write("d-broken.yaml", "services: [ {key: a\n");
        dir.Write("e-list.yaml", "- just a list\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        dir.Write("runbooks/broken.md", "---\nkey: Broken Key\ntitle: Broken\nservices: [ghost]\n---\n\n```step http\ntitle: No URL\n```\n");

        var (_, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);

        Golden.Check("broken-every-section", string.Join('\n', errors.Select(e => e.Replace(dir.Path, "<dir>", StringComparison.Ordinal))) + "\n");
    }
}
