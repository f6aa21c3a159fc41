using System.Net;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Config;

/// <summary>Integrations and maintenance windows in config as code: apply, idempotence, plan, keys from the environment.</summary>
public abstract class IntakeConfigTests(ServerFixture fixture)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private string Service => $"shop-{_id}";

    private string Integration => $"am-{_id}";

    // Services, one integration with rules, and a window of each kind; every name is this test's own (the database is shared).
    private string Config(int rate = 600, string zone = "Europe/Berlin", string? keyEnv = null) => $"""
        services:
          - key: {Service}
            name: Shop
            time_zone: {zone}
          - key: {Service}-db
            name: Shop database
        integrations:
          - name: {Integration}
            kind: alertmanager
            service: {Service}
            group_by: [alertname, cluster]
            group_window: 30m
            rate_per_minute: {rate}
        {(keyEnv is null ? "" : $"    key_env: {keyEnv}")}
            rules:
              - name: database pages
                match: ['component="db"', 'env=~"prod|live"']
                service: {Service}-db
                severity: SEV-1
              - name: drop dev
                match: [env=dev]
                drop: true
        maintenance:
          - service: {Service}
            reason: Weekly patching
            days: [sun]
            start: "02:00"
            duration: 2h
          - service: {Service}-db
            reason: Nightly backup
            cron: "30 1 * * *"
            duration: 45m
            time_zone: Asia/Tokyo
          - service: {Service}-db
            reason: Storage migration
            from: 2026-01-15T00:00:00Z
            to: 2026-01-15T06:00:00Z
        """;

    [Fact]
    public async Task Apply_IntegrationAndWindows_CreatesThemOnceAndRoutesByTheRules()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config());

        var first = await ApplyAsync(dir.Path);
        var second = await ApplyAsync(dir.Path);

        Assert.Empty(first.Errors);
        Assert.StartsWith("6 change(s)", first.Summary, StringComparison.Ordinal);
        Assert.StartsWith("0 change(s)", second.Summary, StringComparison.Ordinal);
        var integration = await Server.WithDbAsync(db => db.Integrations.Include(i => i.Service).SingleAsync(i => i.Name == Integration));
        Assert.Equal(Service, integration.Service!.Key);
        Assert.Equal(["alertname", "cluster"], integration.GroupBy);
        Assert.Equal(1800, integration.GroupWindowSeconds);
        Assert.Equal(600, integration.RatePerMinute);
        Assert.Matches("^[0-9a-f]{32}$", integration.Key);
        // The generated key is said once, by the apply that made it.
        Assert.Contains(first.Notices, n => n.Contains(integration.Key, StringComparison.Ordinal));
        Assert.Empty(second.Notices);
        Assert.Equal(1, await Server.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.Resource == $"integration/{Integration}")));

        var windows = await Server.Viewer.GetAsync($"/api/v1/services/{Service}-db/maintenance").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, windows.GetArrayLength());
        Assert.Contains(windows.EnumerateArray(), w => w.Str("reason") == "Storage migration" && w.GetProperty("activeNow").GetBoolean());
        Assert.Contains(windows.EnumerateArray(), w => w.Str("reason") == "Nightly backup" && w.Str("timeZone") == "Asia/Tokyo");
        var weekly = (await Server.Viewer.GetAsync($"/api/v1/services/{Service}/maintenance").ExpectAsync(HttpStatusCode.OK))[0];
        Assert.Equal("Europe/Berlin", weekly.Str("timeZone"));
        Assert.Equal("every Sunday at 02:00 for 2h (Europe/Berlin)", weekly.Str("recurrence"));

        // The rules config wrote are the ones intake runs.
        var routed = await Server.Admin.PostJsonAsync($"/api/v1/integrations/{integration.Id}/rules/dry-run",
            new { labels = new Dictionary<string, string> { ["alertname"] = "ReplicaLag", ["component"] = "db", ["env"] = "live" } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("database pages", routed[0].Str("rule"));
        Assert.Equal($"{Service}-db", routed[0].Str("service"));
        Assert.Equal("SEV-1", routed[0].Str("severity"));
    }

    [Fact]
    public async Task Plan_ChangedConfig_ListsFieldChangesAndWritesNothing()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config());
        await ApplyAsync(dir.Path);
        var audits = await Server.WithDbAsync(db => db.AuditEvents.CountAsync());

        var unchanged = await PlanAsync(dir.Path);
        dir.Write("config.yaml", Config(rate: 1200, zone: "Europe/Lisbon"));
        var changed = await PlanAsync(dir.Path);

        Assert.False(unchanged.HasChanges);
        Assert.Contains("No changes", unchanged.Render(), StringComparison.Ordinal);
        var text = changed.Render();
        Assert.Contains($"~ update integration/{Integration}\n      rate_per_minute: 600 → 1200\n", text, StringComparison.Ordinal);
        Assert.Contains($"~ update service/{Service}\n      time_zone: Europe/Berlin → Europe/Lisbon\n", text, StringComparison.Ordinal);
        // The weekly window follows its service's zone; the Tokyo one names its own and stays.
        Assert.Contains($"~ update maintenance/{Service}/Weekly patching\n      time_zone: Europe/Berlin → Europe/Lisbon\n", text, StringComparison.Ordinal);
        Assert.Contains($"= unchanged maintenance/{Service}-db/Nightly backup", text, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to create, 3 to update", text, StringComparison.Ordinal);
        Assert.Equal(600, await Server.WithDbAsync(db => db.Integrations.Where(i => i.Name == Integration).Select(i => i.RatePerMinute).SingleAsync()));
        Assert.Equal(audits, await Server.WithDbAsync(db => db.AuditEvents.CountAsync()));

        var applied = await ApplyAsync(dir.Path);
        Assert.StartsWith("3 change(s)", applied.Summary, StringComparison.Ordinal);
        Assert.Contains(await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"integration/{Integration}").Select(a => a.Details).ToListAsync()),
            d => d == "rate_per_minute");
        Assert.False((await PlanAsync(dir.Path)).HasChanges);
    }

    [Fact]
    public async Task KeyEnv_TakesTheKeyFromTheEnvironment_AndNeverPrintsIt()
    {
        var variable = $"FIREBREAK_TEST_KEY_{_id.ToUpperInvariant()}";
        using var dir = new TempDir();
        dir.Write("config.yaml", Config(keyEnv: variable));
        try
        {
            var missing = await ApplyAsync(dir.Path);
            Assert.Contains(missing.Errors, e => e.StartsWith("config.yaml:14:", StringComparison.Ordinal) && e.Contains($"key_env {variable} is not set", StringComparison.Ordinal));
            Assert.False(await Server.WithDbAsync(db => db.Services.AnyAsync(s => s.Key == Service)));

            Environment.SetEnvironmentVariable(variable, $"team-shop-key-{_id}-one");
            var created = await ApplyAsync(dir.Path);
            Assert.Empty(created.Errors);
            Assert.Empty(created.Notices);
            Assert.Equal($"team-shop-key-{_id}-one", await KeyAsync());

            Environment.SetEnvironmentVariable(variable, $"team-shop-key-{_id}-two");
            var plan = (await PlanAsync(dir.Path)).Render();
            Assert.Contains($"key: (hidden) → (from ${variable})", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("team-shop-key", plan, StringComparison.Ordinal);
            await ApplyAsync(dir.Path);
            Assert.Equal($"team-shop-key-{_id}-two", await KeyAsync());
            Assert.False((await PlanAsync(dir.Path)).HasChanges);

            Environment.SetEnvironmentVariable(variable, "short");
            Assert.Contains((await PlanAsync(dir.Path)).Errors, e => e.Contains("16–64 letters", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private Task<string> KeyAsync() => Server.WithDbAsync(db => db.Integrations.Where(i => i.Name == Integration).Select(i => i.Key).SingleAsync());

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

public sealed class IntakeConfigTests_Sqlite(SqliteServerFixture f) : IntakeConfigTests(f), IClassFixture<SqliteServerFixture>;

public sealed class IntakeConfigTests_Postgres(PostgresServerFixture f) : IntakeConfigTests(f), IClassFixture<PostgresServerFixture>;
