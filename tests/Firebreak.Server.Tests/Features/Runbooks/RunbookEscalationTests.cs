using System.Net;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Runbooks.Escalations;
using Firebreak.Server.Tests.Features.Escalation;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Runbooks;

/// <summary>
/// A runbook's <c>```escalate</c> blocks on the engine and a fake clock: "after step N fails twice" pages once, on the
/// second failure; "if the run is not finished in 30m" pages at 30 minutes, from any node, and never once the run is finished.
/// </summary>
public abstract class RunbookEscalationTests(EngineFixture fixture)
{
    private readonly string _t = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private string Key => $"esc-{_t}";

    private async Task<string> IncidentWithRunbookAsync(string body)
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", $"services:\n  - key: svc-{_t}\n    name: Svc {_t}\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        dir.Write("runbooks/esc.md", $"---\nkey: {Key}\ntitle: Flaky switch {_t}\nservices: [svc-{_t}]\n---\n\n## Recovery\n{body}\n");
        using (var scope = Server.App.Services.CreateScope())
        {
            var applied = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default);
            Assert.Empty(applied.Errors);
        }

        return await fixture.DeclareAsync($"svc-{_t}");
    }

    private async Task<long> StartAsync(string incident)
    {
        var run = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{incident}/runbook-runs", new { runbook = Key }).ExpectAsync(HttpStatusCode.Created);
        return run.GetProperty("id").GetInt64();
    }

    private Task<List<string>> EscalationLinesAsync(string incident)
    {
        var number = int.Parse(incident, System.Globalization.CultureInfo.InvariantCulture);
        return Server.WithDbAsync(db =>
        db.TimelineEntries.Where(t => db.Set<Incident>().Any(i => i.Id == t.IncidentId && i.Number == number) && t.Kind == "runbook_escalated")
            .OrderBy(t => t.Id).Select(t => t.Text).ToListAsync());
    }

    [Fact]
    public async Task AfterFailures_PagesOnce_WhenTheStepFailsTheNamedNumberOfTimes()
    {
        var ann = await fixture.PersonAsync($"ann{_t}");
        var incident = await IncidentWithRunbookAsync($$"""
            ```step manual
            title: Look first
            ```

            ```step http
            title: Flip the switch
            method: POST
            url: "{{fixture.Receiver.Url("/status/503")}}"
            expect_status: 200
            ```

            ```escalate
            after_failures: {step: 2, times: 2}
            page: user:ann{{_t}}
            ```
            """);
        var run = await StartAsync(incident);

        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/2", null).ExpectAsync(HttpStatusCode.OK);
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectAsync(HttpStatusCode.OK);
        await fixture.Runner.RunDueAsync();
        Assert.Empty(fixture.PagesTo(ann));

        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/2", null).ExpectAsync(HttpStatusCode.OK);
        await fixture.Runner.RunDueAsync();
        Assert.Single(fixture.PagesTo(ann));

        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/2", null).ExpectAsync(HttpStatusCode.OK);
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Single(fixture.PagesTo(ann));
        var line = Assert.Single(await EscalationLinesAsync(incident));
        Assert.Equal($"Runbook 'Flaky switch {_t}' escalated because step 2 'Flip the switch' failed twice: paging ann{_t} (webhook)", line);
    }

    [Fact]
    public async Task AfterFailures_CountsAShellStepThatFailsOnARunner()
    {
        var ann = await fixture.PersonAsync($"ann{_t}");
        var incident = await IncidentWithRunbookAsync($$"""
            ```step shell
            title: Restart the pool
            argv: [systemctl, restart, pool]
            runner: { run: "{{_t}}" }
            ```

            ```escalate
            after_failures: {step: 1, times: 2}
            page: user:ann{{_t}}
            ```
            """);
        var registered = await Server.Admin.PostJsonAsync("/api/v1/runners", new { name = $"r-{_t}", labels = new { run = _t } }).ExpectAsync(HttpStatusCode.Created);
        using var runner = Server.Client(registered.Str("token"));
        await runner.PostAsync("/api/v1/runner/poll?wait=0", null).ExpectAsync(HttpStatusCode.NoContent);
        var run = await StartAsync(incident);

        // The runner's report, not the run service, ends a shell step: each failure must still count.
        for (var failures = 1; failures <= 2; failures++)
        {
            await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectAsync(HttpStatusCode.OK);
            var job = await runner.PostAsync("/api/v1/runner/poll?wait=0", null).ExpectAsync(HttpStatusCode.OK);
            var done = await runner.PostJsonAsync($"/api/v1/runner/jobs/{job.GetProperty("id").GetInt64()}/done", new { outcome = "exited", exitCode = 5, stderr = "unit pool not found" })
                .ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("failed", done.Str("status"));
            await fixture.Runner.RunDueAsync();
            Assert.Equal(failures - 1, fixture.PagesTo(ann).Count);
        }

        var line = Assert.Single(await EscalationLinesAsync(incident));
        Assert.Equal($"Runbook 'Flaky switch {_t}' escalated because step 1 'Restart the pool' failed twice: paging ann{_t} (webhook)", line);
    }

    [Fact]
    public async Task UnfinishedAfter_PagesAtThirtyMinutesOnTheServerClock_FromANodeStartedLater_Once_AndNotForAFinishedRun()
    {
        var ann = await fixture.PersonAsync($"ann{_t}");
        var incident = await IncidentWithRunbookAsync($"""
            ```step manual
            title: Look first
            ```

            ```escalate
            unfinished_after: 30m
            page: [user:ann{_t}]
            ```
            """);
        var started = Server.Clock.GetUtcNow();
        var run = await StartAsync(incident);
        var finished = await StartAsync(incident);
        var due = await Server.WithDbAsync(db => db.WorkItems.Where(w => w.Kind == RunbookEscalationHandler.KindName && w.Payload.Contains($"\"run\":{run},"))
            .Select(w => w.DueAt).SingleAsync());
        Assert.Equal(started + TimeSpan.FromMinutes(30), due);

        await fixture.AdvanceAsync(TimeSpan.FromMinutes(10));
        await Server.Responder.PostJsonAsync($"/api/v1/runbook-runs/{finished}/finish", new { verdict = "worked" }).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(20) - TimeSpan.FromSeconds(1));
        Assert.Empty(fixture.PagesTo(ann));

        // Another node, started after the run began, finds the timer in the database: it survives a restart.
        var peer = await Server.StartPeerAsync();
        try
        {
            Server.Clock.Advance(TimeSpan.FromSeconds(1));
            await peer.Services.GetRequiredService<WorkRunner>().RunDueAsync();
            await fixture.Runner.RunDueAsync();
            Assert.Single(fixture.PagesTo(ann));
        }
        finally
        {
            await peer.StopAsync();
            await peer.DisposeAsync();
        }

        await fixture.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Single(fixture.PagesTo(ann));
        var line = Assert.Single(await EscalationLinesAsync(incident));
        Assert.Equal($"Runbook 'Flaky switch {_t}' escalated because the run started by rita was not finished within 30m: paging ann{_t} (webhook)", line);
    }
}

public sealed class RunbookEscalationTests_Sqlite(SqliteEngineFixture f) : RunbookEscalationTests(f), IClassFixture<SqliteEngineFixture>;

public sealed class RunbookEscalationTests_Postgres(PostgresEngineFixture f) : RunbookEscalationTests(f), IClassFixture<PostgresEngineFixture>;
