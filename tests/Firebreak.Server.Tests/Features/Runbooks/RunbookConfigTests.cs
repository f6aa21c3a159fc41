using System.Net;
using System.Text.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Runbooks;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Runbooks;

/// <summary>Runbooks in config's runbooks/ folder: applied as versions, and offered on the incidents they match.</summary>
public abstract class RunbookConfigTests(ServerFixture fixture)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private string Service => $"pay-{_id}";

    private string Services => $"""
        teams:
          - key: team-{_id}
            name: Payments
        services:
          - key: {Service}
            name: Payments
            team: team-{_id}
        """;

    private string Runbook(string key, string match, string title = "Pool exhausted", string services = "") => $"""
        ---
        key: {key}-{_id}
        title: {title}
        owner: team-{_id}
        {(match.Length > 0 ? $"match: [{match}]" : "")}
        {(services.Length > 0 ? $"services: [{services}]" : "")}
        ---

        ## Recovery
        ```step http
        title: Pause the batch
        method: POST
        url: http://127.0.0.1:9/controls/batch/off
        ```
        """;

    [Fact]
    public async Task Apply_StoresEachRunbookOnce_AndAChangedTextIsANewVersion()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Services);
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        dir.Write("runbooks/pool.md", Runbook("pool", "'alertname=\"PoolFull\"'"));

        var first = await ApplyAsync(dir.Path);
        var again = await ApplyAsync(dir.Path);
        dir.Write("runbooks/pool.md", Runbook("pool", "'alertname=\"PoolFull\"'", title: "Connection pool exhausted"));
        var changed = await ApplyAsync(dir.Path);

        Assert.Empty(first.Errors);
        Assert.Contains(first.Changes, c => c.Resource == $"runbook/pool-{_id}" && c.Kind == ChangeKind.Create);
        Assert.DoesNotContain(again.Changes, c => c.Resource == $"runbook/pool-{_id}" && c.IsChange);
        var update = Assert.Single(changed.Changes, c => c.Resource == $"runbook/pool-{_id}");
        Assert.Equal(ChangeKind.Update, update.Kind);
        Assert.Contains(update.Fields, f => f.Field == "version" && f.Old == "1" && f.New == "2");
        var versions = await Server.WithDbAsync(db => db.RunbookVersions.Where(v => db.Set<Runbook>().Any(r => r.Id == v.RunbookId && r.Key == $"pool-{_id}")).OrderBy(v => v.Number).Select(v => v.Text).ToListAsync());
        Assert.Equal(2, versions.Count);
        Assert.Contains("title: Pool exhausted", versions[0], StringComparison.Ordinal);
        Assert.Equal(2, await Server.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.Resource == $"runbook/pool-{_id}")));

        var shown = await Server.Viewer.GetAsync($"/api/v1/runbooks/pool-{_id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Connection pool exhausted", shown.GetProperty("runbook").Str("title"));
        Assert.Equal(2, shown.GetProperty("runbook").GetProperty("version").GetInt32());
        Assert.Equal("http", shown.GetProperty("steps")[0].Str("kind"));
        await Server.Viewer.GetAsync($"/api/v1/runbooks/nope-{_id}").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public void Validate_ABrokenRunbook_NamesItsFileAndLine_AndItsUnknownService()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Services);
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        dir.Write("runbooks/broken.md", "---\nkey: broken\ntitle: Broken\nservices: [nowhere]\n---\n\n```step shell\ntitle: Restart\nargv: restart now\n```\n");

        var (_, errors) = Server.App.Services.GetRequiredService<ConfigReader>().Read(dir.Path);

        Assert.Contains(errors, e => e.StartsWith("runbooks/broken.md:9: 'argv' is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("runbook 'broken' names unknown service 'nowhere'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_AnEscalateBlockPagingAnUnknownUserOrScheduleOrAViewer_IsRefusedAtItsPageLine()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Services);
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        string Escalating(string page) => $$"""
            ---
            key: esc-{{_id}}
            title: Escalating
            services: [{{Service}}]
            ---

            ## Recovery
            ```step manual
            title: Look
            ```

            ```escalate
            unfinished_after: 30m
            page: [{{page}}]
            ```
            """;
        dir.Write("runbooks/esc.md", Escalating($"user:nobody{_id}, schedule:nowhere{_id}, commander, user:rita, user:vera"));

        var refused = await ApplyAsync(dir.Path);

        Assert.Equal(
            [$"runbooks/esc.md:14: runbook 'esc-{_id}', escalate block 1 pages unknown user 'nobody{_id}'",
             $"runbooks/esc.md:14: runbook 'esc-{_id}', escalate block 1 pages unknown schedule 'nowhere{_id}'",
             $"runbooks/esc.md:14: runbook 'esc-{_id}', escalate block 1 pages viewer 'vera'; only responders and admins can be paged"],
            refused.Errors);
        Assert.False(await Server.WithDbAsync(db => db.Set<Runbook>().AnyAsync(r => r.Key == $"esc-{_id}")));

        // A schedule the same files add is known.
        dir.Write("config.yaml", $"{Services}\nschedules:\n  - key: nowhere{_id}\n    time_zone: UTC\n    layers:\n      - name: primary\n        participants: [rita]\n        shift: weekly\n        start: 2026-01-05T09:00\n");
        dir.Write("runbooks/esc.md", Escalating($"schedule:nowhere{_id}, commander, user:rita"));
        Assert.Empty((await ApplyAsync(dir.Path)).Errors);
    }

    [Fact]
    public async Task AnIncidentOpenedByAnAlert_OffersTheRunbooksThatMatchIt_MostSpecificFirst_ThenItsServices()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Services);
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        dir.Write("runbooks/a.md", Runbook("broad", "'alertname=\"PoolFull\"'", title: "Any pool"));
        dir.Write("runbooks/b.md", Runbook("narrow", "'alertname=\"PoolFull\"', 'env=~\"prod|live\"'", title: "Production pool"));
        dir.Write("runbooks/c.md", Runbook("other", "'alertname=\"DiskFull\"'", title: "Disk"));
        dir.Write("runbooks/d.md", Runbook("svc", "", title: "Payments basics", services: Service));
        Assert.Empty((await ApplyAsync(dir.Path)).Errors);
        var integration = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"am-{_id}", kind = "alertmanager", service = Service }).ExpectAsync(HttpStatusCode.Created);

        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{integration.Str("key")}", new
        {
            version = "4",
            status = "firing",
            alerts = new[] { new { status = "firing", labels = new Dictionary<string, string> { ["alertname"] = "PoolFull", ["env"] = "prod", ["run"] = _id }, fingerprint = $"f-{_id}" } },
        }).ExpectAsync(HttpStatusCode.OK);
        var number = await Server.WithDbAsync(db => db.Incidents.Where(i => i.Service!.Key == Service).Select(i => i.Number).SingleAsync());

        var offered = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/runbooks").ExpectAsync(HttpStatusCode.OK);

        var mine = offered.EnumerateArray().Where(m => m.Str("key")!.EndsWith(_id, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"narrow-{_id}", $"broad-{_id}", $"svc-{_id}"], mine.Select(m => m.Str("key")));
        Assert.Equal("matches alertname=\"PoolFull\", env=~\"prod|live\"", mine[0].Str("why"));
        Assert.Equal($"for service {Service}", mine[2].Str("why"));
        Assert.Equal(JsonValueKind.Number, mine[0].GetProperty("alertId").ValueKind);
        await Server.Viewer.GetAsync("/api/v1/incidents/999999/runbooks").ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Anonymous.GetAsync($"/api/v1/incidents/{number}/runbooks").ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AlertsNoRunbookAnswers_AreListedByAlertName_WithTheirLabels()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Services);
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        dir.Write("runbooks/a.md", Runbook("answered", $"'alertname=\"Answered{_id}\"'"));
        Assert.Empty((await ApplyAsync(dir.Path)).Errors);
        var integration = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"am-{_id}", kind = "alertmanager", service = Service }).ExpectAsync(HttpStatusCode.Created);
        var alerts = new[] { ("Answered", "1"), ("Orphan", "1"), ("Orphan", "2") }
            .Select(a => new { status = "firing", labels = new Dictionary<string, string> { ["alertname"] = $"{a.Item1}{_id}", ["instance"] = a.Item2 }, fingerprint = $"{a.Item1}-{a.Item2}-{_id}" });

        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{integration.Str("key")}", new { version = "4", status = "firing", alerts }).ExpectAsync(HttpStatusCode.OK);

        var missing = await Server.Viewer.GetAsync("/api/v1/missing-runbooks").ExpectAsync(HttpStatusCode.OK);
        var names = missing.EnumerateArray().Select(m => m.Str("alertName")).ToList();
        Assert.DoesNotContain($"Answered{_id}", names);
        var orphan = missing.EnumerateArray().Single(m => m.Str("alertName") == $"Orphan{_id}");
        Assert.Equal((2, Service), (orphan.GetProperty("alerts").GetInt32(), orphan.Str("service")));
        Assert.Equal($"Orphan{_id}", orphan.GetProperty("exampleLabels").Str("alertname"));

        // A runbook for the service answers every alert of it.
        dir.Write("runbooks/b.md", Runbook("svc", "", title: "Payments basics", services: Service));
        Assert.Empty((await ApplyAsync(dir.Path)).Errors);
        var after = await Server.Viewer.GetAsync("/api/v1/missing-runbooks").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(after.EnumerateArray(), m => m.Str("alertName") == $"Orphan{_id}");
    }

    private async Task<ApplyResult> ApplyAsync(string dir)
    {
        using var scope = Server.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir, demo: false, default);
    }
}

public sealed class RunbookConfigTests_Sqlite(SqliteServerFixture f) : RunbookConfigTests(f), IClassFixture<SqliteServerFixture>;

public sealed class RunbookConfigTests_Postgres(PostgresServerFixture f) : RunbookConfigTests(f), IClassFixture<PostgresServerFixture>;
