using System.Net;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Escalation;
using Firebreak.Server.Features.OnCall;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Config;

/// <summary>Escalation policies and services' policies in config as code; once per provider.</summary>
public abstract class EscalationConfigTests(ServerFixture fixture)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private string Key => $"pay-{_id}";

    private string Svc => $"checkout-{_id}";

    private string Ann => $"ann-{_id}";

    private string Bob => $"bob-{_id}";

    // The schedule, the policy paging it and the service using the policy are all new in one file: apply must create
    // them in that order within its one transaction.
    private string Config(string step1Delay = "5m", string step2 = "", string service = "") => $"""
        users:
          - username: {Ann}
          - username: {Bob}
        services:
          - key: {Svc}
            name: Checkout
            {(service.Length > 0 ? service : $"escalation_policy: {Key}")}
        schedules:
          - key: {Key}-primary
            time_zone: Europe/Berlin
            layers:
              - name: weekly
                participants: [{Ann}, {Bob}]
                shift: weekly
                start: 2026-01-05T09:00
        escalation_policies:
          - key: {Key}
            name: Payments
            repeats: 1
            steps:
              - targets: [schedule:{Key}-primary]
                delay: {step1Delay}
              - targets: [{(step2.Length > 0 ? step2 : $"user:{Bob}")}]
                delay: 10m
            rules:
              - key: sev1-unmitigated
                when: [severity SEV-1, not mitigated within 15m]
                notify: [user:{Ann}]
        """;

    [Fact]
    public async Task Apply_CreatesScheduleThenPolicyThenAssignment_AndTwiceChangesNothing()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config());

        var plan = await PlanAsync(dir.Path);
        var first = await ApplyAsync(dir.Path);
        var second = await ApplyAsync(dir.Path);

        Assert.Empty(plan.Errors);
        var text = plan.Render();
        Assert.Contains($"""
              + create escalation-policy/{Key}
                  name: Payments
                  repeats: 1
                  step 1: schedule:{Key}-primary (then 5m)
                  step 2: user:{Bob} (then 10m)
                  rule sev1-unmitigated: when severity SEV-1, not mitigated within 15m: notify user:{Ann}

            """.Replace("\r", "", StringComparison.Ordinal), text, StringComparison.Ordinal);
        Assert.Contains($"+ create service/{Svc}\n      name: Checkout\n      auto_resolve: resolved\n      escalation_policy: {Key}\n", text, StringComparison.Ordinal);
        Assert.Empty(first.Errors);
        Assert.StartsWith("0 change(s)", second.Summary, StringComparison.Ordinal);
        Assert.False((await PlanAsync(dir.Path)).HasChanges);
        var policy = await Server.Viewer.GetAsync($"/api/v1/escalation-policies/{Key}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([Svc], policy.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2, policy.GetProperty("steps").GetArrayLength());
        Assert.Equal(["escalation_policy.create"], await AuditAsync($"escalation-policy/{Key}"));
        Assert.Contains("service.escalation_policy", await AuditAsync($"service/{Svc}"));
    }

    [Fact]
    public async Task Plan_ChangedSteps_ShowsAReadableDiff_AndApplyWritesIt()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config());
        await ApplyAsync(dir.Path);

        dir.Write("config.yaml", Config(step1Delay: "10m", step2: $"schedule:{Key}-primary"));
        var plan = await PlanAsync(dir.Path);
        var applied = await ApplyAsync(dir.Path);
        var again = await PlanAsync(dir.Path);

        Assert.Contains($"~ update escalation-policy/{Key}\n      step 1 delay: 5m → 10m\n      step 2: user:{Bob} → schedule:{Key}-primary\n",
            plan.Render(), StringComparison.Ordinal);
        Assert.StartsWith("1 change(s)", applied.Summary, StringComparison.Ordinal);
        Assert.False(again.HasChanges, again.Render());
        var policy = await Server.Viewer.GetAsync($"/api/v1/escalation-policies/{Key}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("10m", policy.GetProperty("steps")[0].Str("delay"));
        Assert.Equal(["escalation_policy.create", "escalation_policy.update"], await AuditAsync($"escalation-policy/{Key}"));
    }

    [Fact]
    public async Task ServicePolicy_NoneTakesItOff_AndLeavingItOutKeepsIt()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config());
        await ApplyAsync(dir.Path);

        dir.Write("config.yaml", Config(service: "description: no policy field"));
        var silent = await PlanAsync(dir.Path);
        dir.Write("config.yaml", Config(service: "escalation_policy: none"));
        var none = await PlanAsync(dir.Path);
        await ApplyAsync(dir.Path);

        Assert.DoesNotContain("escalation_policy", silent.Render(), StringComparison.Ordinal);
        Assert.Contains($"~ update service/{Svc}\n      escalation_policy: {Key} → (none)\n", none.Render(), StringComparison.Ordinal);
        Assert.Null(await Server.WithDbAsync(db => db.Services.Where(s => s.Key == Svc).Select(s => s.EscalationPolicyId).SingleAsync()));
    }

    [Fact]
    public async Task Plan_AServiceLeftWithoutAPolicy_WarnsItPagesNobody_AndValidateToo()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config());
        var wired = await PlanAsync(dir.Path);
        await ApplyAsync(dir.Path);
        dir.Write("config.yaml", Config(service: "escalation_policy: none"));

        var plan = await PlanAsync(dir.Path);
        var validate = FirebreakServer.OfflineConfigReader().Warnings(FirebreakServer.OfflineConfigReader().Read(dir.Path).Set, DateTimeOffset.UtcNow);

        Assert.DoesNotContain(wired.Warnings ?? [], w => w.Contains("page nobody", StringComparison.Ordinal));
        var warning = Assert.Single(plan.Warnings ?? [], w => w.Contains(Svc, StringComparison.Ordinal));
        Assert.Contains("warning: service", warning, StringComparison.Ordinal);
        Assert.Contains("Firebreak:Escalation:DefaultPolicy is not set: its incidents will page nobody", warning, StringComparison.Ordinal);
        Assert.Contains(validate, w => w.Contains(Svc, StringComparison.Ordinal) && w.Contains("page nobody", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownUserOrPolicy_AreErrorsAtTheirLines_AndNothingIsApplied()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config(step2: $"user:ghost-{_id}", service: $"escalation_policy: nope-{_id}"));

        var result = await ApplyAsync(dir.Path);

        Assert.Contains($"config.yaml:23: escalation policy '{Key}', step 2 names unknown user 'ghost-{_id}'", result.Errors);
        Assert.Contains($"config.yaml:7: service '{Svc}' names unknown escalation policy 'nope-{_id}'; define it under escalation_policies or with the API",
            result.Errors);
        Assert.False(await Server.WithDbAsync(db => db.EscalationPolicies.AnyAsync(p => p.Key == Key)));
        Assert.False(await Server.WithDbAsync(db => db.Schedules.AnyAsync(s => s.Key == $"{Key}-primary")));
    }

    [Fact]
    public async Task Severity_WithoutASchemeInTheFile_IsCheckedAgainstTheDatabases()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config().Replace("severity SEV-1", "severity P0", StringComparison.Ordinal));

        Assert.Empty(FirebreakServer.OfflineConfigReader().Read(dir.Path).Errors);
        var plan = await PlanAsync(dir.Path);

        Assert.Contains($"config.yaml:27: escalation policy '{Key}': rule 1 (sev1-unmitigated): 'severity P0': 'P0' is not a severity of the active scheme",
            plan.Errors);
    }

    private Task<List<string>> AuditAsync(string resource) => Server.WithDbAsync(db =>
        db.AuditEvents.Where(a => a.Resource == resource).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    private async Task<ApplyResult> ApplyAsync(string dir)
    {
        await using var scope = Server.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir, demo: false, default);
    }

    private async Task<ConfigPlan> PlanAsync(string dir)
    {
        await using var scope = Server.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConfigApplier>().PlanAsync(dir, default);
    }
}

public sealed class EscalationConfigTests_Sqlite(SqliteServerFixture f) : EscalationConfigTests(f), IClassFixture<SqliteServerFixture>;

public sealed class EscalationConfigTests_Postgres(PostgresServerFixture f) : EscalationConfigTests(f), IClassFixture<PostgresServerFixture>;
