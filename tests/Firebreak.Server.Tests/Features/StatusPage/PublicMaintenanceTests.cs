using System.Net;
using System.Text.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.StatusPage;

/// <summary>
/// Maintenance windows marked public: on the page and in Statuspage's scheduled-maintenances JSON, moving from scheduled
/// to in progress to completed as the (fake) clock passes their times, with no write in between. This class alone puts
/// components under maintenance on its server.
/// </summary>
public abstract class PublicMaintenanceTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task PublicWindow_IsScheduledThenInProgressThenCompleted_AsTheClockPasses()
    {
        await ApplyAsync("""
            services:
              - { key: vault, name: Vault }
            status_components:
              - { key: vault-api, name: Vault API, services: [vault] }
            """);
        var start = Server.Clock.GetUtcNow().AddHours(1);
        var created = await Server.Admin.PostJsonAsync("/api/v1/services/vault/maintenance",
            new { reason = "Vault <i>upgrade</i>", kind = "once", startsAt = start, endsAt = start.AddHours(1), @public = true }).ExpectAsync(HttpStatusCode.Created);
        Assert.True(created.GetProperty("public").GetBoolean());

        var upcoming = await GetJsonAsync("scheduled-maintenances/upcoming");
        StatuspageShape.Matches("scheduled-maintenances", upcoming);
        var scheduled = Single(upcoming);
        Assert.Equal("scheduled", scheduled.Str("status"));
        Assert.Equal("maintenance", scheduled.Str("impact"));
        Assert.Equal(start, scheduled.GetProperty("scheduled_for").GetDateTimeOffset());
        Assert.Equal(["vault-api"], scheduled.GetProperty("components").EnumerateArray().Select(c => c.Str("id")));
        Assert.Empty((await GetJsonAsync("scheduled-maintenances/active")).GetProperty("scheduled_maintenances").EnumerateArray());
        Assert.Single((await GetJsonAsync("summary")).GetProperty("scheduled_maintenances").EnumerateArray());
        var html = await Server.Anonymous.GetStringAsync("/status");
        Assert.Contains("Vault &lt;i&gt;upgrade&lt;/i&gt;", html, StringComparison.Ordinal);
        Assert.Equal("operational", VaultApi(await GetJsonAsync("components")).Str("status"));

        Server.Clock.Advance(TimeSpan.FromHours(1));
        var active = Single(await GetJsonAsync("scheduled-maintenances/active"));
        Assert.Equal("in_progress", active.Str("status"));
        StatuspageShape.Matches("scheduled-maintenances", await GetJsonAsync("scheduled-maintenances"));
        Assert.Equal("under_maintenance", VaultApi(await GetJsonAsync("components")).Str("status"));
        Assert.Equal("maintenance", (await GetJsonAsync("status")).GetProperty("status").Str("indicator"));
        Assert.Contains("data-status=\"in_progress\"", await Server.Anonymous.GetStringAsync("/status"), StringComparison.Ordinal);

        Server.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty((await GetJsonAsync("scheduled-maintenances/active")).GetProperty("scheduled_maintenances").EnumerateArray());
        var done = Single(await GetJsonAsync("scheduled-maintenances"));
        Assert.Equal("completed", done.Str("status"));
        Assert.Equal(start.AddHours(1), done.GetProperty("resolved_at").GetDateTimeOffset());
        Assert.Equal(["completed", "in_progress", "scheduled"], done.GetProperty("incident_updates").EnumerateArray().Select(u => u.Str("status")));
        Assert.Equal("operational", VaultApi(await GetJsonAsync("components")).Str("status"));
    }

    [Fact]
    public async Task BadWindows_GetProblems_AndPrivateWindowsStayOff()
    {
        await ApplyAsync("""
            services:
              - { key: ledger, name: Ledger }
            """);
        var start = Server.Clock.GetUtcNow().AddDays(3);
        var unknown = await Server.Admin.PostJsonAsync("/api/v1/services/ledger/maintenance",
            new { reason = "Ledger move", kind = "once", startsAt = start, endsAt = start.AddHours(1), @public = true, components = new[] { "no-such" } }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no-such", unknown.GetRawText(), StringComparison.Ordinal);
        await Server.Admin.PostJsonAsync("/api/v1/services/ledger/maintenance",
            new { reason = "Ledger move", kind = "once", startsAt = start, endsAt = start.AddHours(1), components = new[] { "vault-api" } }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Admin.PostJsonAsync("/api/v1/services/ledger/maintenance",
            new { reason = "Ledger private work", kind = "once", startsAt = start, endsAt = start.AddHours(1) }).ExpectAsync(HttpStatusCode.Created);
        var all = await GetJsonAsync("scheduled-maintenances");
        Assert.DoesNotContain(all.GetProperty("scheduled_maintenances").EnumerateArray(), m => m.Str("name").StartsWith("Ledger", StringComparison.Ordinal));

        using var dir = new TempDir();
        dir.Write("m.yaml", """
            services:
              - { key: ledger, name: Ledger }
            status_components:
              - { key: ledger-ui, name: Ledger UI, services: [ledger] }
            maintenance:
              - { service: ledger, reason: A, from: "2030-01-01T00:00:00Z", to: "2030-01-01T01:00:00Z", public: maybe }
              - { service: ledger, reason: B, from: "2030-01-01T00:00:00Z", to: "2030-01-01T01:00:00Z", public: true, components: [ledger-ux] }
            """);
        await using var scope = Server.App.Services.CreateAsyncScope();
        var plan = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().PlanAsync(dir.Path, default);
        Assert.Contains(plan.Errors, e => e.Contains("m.yaml:6", StringComparison.Ordinal) && e.Contains("public is 'maybe'", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.Contains("m.yaml:7", StringComparison.Ordinal) && e.Contains("unknown status component 'ledger-ux'", StringComparison.Ordinal));
    }

    private static JsonElement Single(JsonElement document) => document.GetProperty("scheduled_maintenances").EnumerateArray().Single(m => m.Str("name") == "Vault <i>upgrade</i>");

    private static JsonElement VaultApi(JsonElement document) => document.GetProperty("components").EnumerateArray().Single(c => c.Str("id") == "vault-api");

    private async Task ApplyAsync(string yaml)
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", yaml);
        await using var scope = Server.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default);
        Assert.Empty(result.Errors);
    }

    private async Task<JsonElement> GetJsonAsync(string document)
    {
        using var response = await Server.Anonymous.GetAsync($"/status/api/v2/{document}.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}

public sealed class PublicMaintenanceTests_Sqlite(SqliteServerFixture f) : PublicMaintenanceTests(f), IClassFixture<SqliteServerFixture>;

public sealed class PublicMaintenanceTests_Postgres(PostgresServerFixture f) : PublicMaintenanceTests(f), IClassFixture<PostgresServerFixture>;
