using System.Net;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Runbooks;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Runbooks;

/// <summary>What the alert page and the home page show of runbooks: those answering an alert, and a team's to look after.</summary>
public abstract class RunbookPanelsTests(ServerFixture fixture)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private string Setup => $"""
        users:
          - username: olu-{_id}
            name: Olu
            role: responder
          - username: ann-{_id}
            name: Ann
            role: responder
        teams:
          - key: mine-{_id}
            name: Mine
            members: [olu-{_id}]
          - key: theirs-{_id}
            name: Theirs
            members: [ann-{_id}]
        services:
          - key: svc-{_id}
            name: Mine
            team: mine-{_id}
          - key: other-{_id}
            name: Theirs
            team: theirs-{_id}
        """;

    private string Runbook(string key, string owner, string match = "", string services = "") => $"""
        ---
        key: {key}-{_id}
        title: Runbook {key}
        owner: {owner}-{_id}
        {(match.Length > 0 ? $"match: [{match}]" : "")}
        {(services.Length > 0 ? $"services: [{services}-{_id}]" : "")}
        ---
        """;

    [Fact]
    public async Task AnAlert_ListsTheRunbooksWhoseMatchersMatchIt_MostSpecificFirst_ThenItsServices()
    {
        await ApplyAsync(new()
        {
            ["broad"] = Runbook("broad", "mine", "'alertname=\"PoolFull\"'"),
            ["narrow"] = Runbook("narrow", "mine", $"'alertname=\"PoolFull\"', 'run=\"{_id}\"'"),
            ["disk"] = Runbook("disk", "mine", "'alertname=\"DiskFull\"'"),
            ["svc"] = Runbook("svc", "mine", services: "svc"),
        });
        var alert = await FireAsync("svc", "PoolFull");

        var offered = await ScopedAsync(sp => sp.GetRequiredService<RunbookCatalog>().ForAlertAsync(alert, default));
        var none = await ScopedAsync(sp => sp.GetRequiredService<RunbookCatalog>().ForAlertAsync(long.MaxValue, default));

        var mine = offered.Where(m => m.Key.EndsWith(_id, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"narrow-{_id}", $"broad-{_id}", $"svc-{_id}"], mine.Select(m => m.Key));
        Assert.Equal($"for service svc-{_id}", mine[2].Why);
        Assert.Empty(none);
    }

    [Fact]
    public async Task TheHomePanel_ListsTheReadersTeamsRunbooksNotValidated_AndTheirServicesAlertsWithoutOne()
    {
        await ApplyAsync(new()
        {
            ["ours"] = Runbook("ours", "mine", "'alertname=\"Ours\"'"),
            ["proven"] = Runbook("proven", "mine", "'alertname=\"Proven\"'"),
            ["theirs"] = Runbook("theirs", "theirs", "'alertname=\"Theirs\"'"),
        });
        await Server.WithDbAsync(async db =>
        {
            var proven = await db.Runbooks.SingleAsync(r => r.Key == $"proven-{_id}");
            proven.ValidatedAt = Server.Clock.GetUtcNow();
            proven.ValidatedBy = "incident 1";
            await db.SaveChangesAsync();
            return 0;
        });
        await FireAsync("svc", $"Orphan{_id}");
        await FireAsync("other", $"TheirOrphan{_id}");
        var olu = await Server.WithDbAsync(db => db.Users.Where(u => u.Username == $"olu-{_id}").Select(u => u.Id).SingleAsync());

        var panel = await ScopedAsync(sp => sp.GetRequiredService<TeamRunbooks>().ForUserAsync(olu, default));
        var nobody = await ScopedAsync(sp => sp.GetRequiredService<TeamRunbooks>().ForUserAsync(long.MaxValue, default));

        Assert.Equal([$"mine-{_id}"], panel.Teams);
        Assert.Equal([($"ours-{_id}", RunbookHealth.NeverRun)], panel.Attention.Select(r => (r.Key, r.Health)));
        Assert.Equal([$"Orphan{_id}"], panel.Missing.Select(m => m.AlertName));
        Assert.Equal((0, 0, 0), (nobody.Teams.Count, nobody.Attention.Count, nobody.Missing.Count));
    }

    private async Task<long> FireAsync(string service, string alertName)
    {
        var integration = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"am-{alertName}-{_id}", kind = "alertmanager", service = $"{service}-{_id}" }).ExpectAsync(HttpStatusCode.Created);
        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{integration.Str("key")}", new
        {
            version = "4",
            status = "firing",
            alerts = new[] { new { status = "firing", labels = new Dictionary<string, string> { ["alertname"] = alertName, ["run"] = _id }, fingerprint = $"f-{alertName}-{_id}" } },
        }).ExpectAsync(HttpStatusCode.OK);
        var integrationId = integration.GetProperty("id").GetInt64();
        return await Server.WithDbAsync(db => db.Alerts.Where(a => a.IntegrationId == integrationId).Select(a => a.Id).SingleAsync());
    }

    private async Task<T> ScopedAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Server.App.Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    private async Task ApplyAsync(Dictionary<string, string> runbooks)
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Setup);
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        foreach (var (name, text) in runbooks)
        {
            dir.Write($"runbooks/{name}.md", text);
        }

        using var scope = Server.App.Services.CreateScope();
        var applied = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default);
        Assert.Empty(applied.Errors);
    }
}

public sealed class RunbookPanelsTests_Sqlite(SqliteServerFixture f) : RunbookPanelsTests(f), IClassFixture<SqliteServerFixture>;

public sealed class RunbookPanelsTests_Postgres(PostgresServerFixture f) : RunbookPanelsTests(f), IClassFixture<PostgresServerFixture>;
