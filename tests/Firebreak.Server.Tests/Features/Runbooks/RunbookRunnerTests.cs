using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Runbooks;

/// <summary>
/// Shell steps run by runners, never by the web server: registration and the runner token over the API, labels deciding
/// who gets a job, and a real <c>firebreak runner</c> process running real commands from its allow-list.
/// </summary>
public abstract class RunbookRunnerTests(ServerFixture fixture) : IDisposable
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(60);
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly TempDir _dir = new();

    private RunningServer Server => fixture.Server;

    private string Key => $"shell-{_id}";

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<int> IncidentWithRunbookAsync(string steps, IReadOnlyDictionary<string, string>? labels = null)
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", $"services:\n  - key: svc-{_id}\n    name: Svc\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        dir.Write("runbooks/shell.md", $"""
            ---
            key: {Key}
            title: Shell {_id}
            match: ['alertname="ShellTest"', 'run="{_id}"']
            ---

            ## Recovery
            {steps}
            """);
        using (var scope = Server.App.Services.CreateScope())
        {
            var applied = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default);
            Assert.Empty(applied.Errors);
        }

        var alertLabels = new Dictionary<string, string>(labels ?? new Dictionary<string, string>()) { ["alertname"] = "ShellTest", ["run"] = _id };
        var integration = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"am-{_id}", kind = "alertmanager", service = $"svc-{_id}" }).ExpectAsync(HttpStatusCode.Created);
        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{integration.Str("key")}", new
        {
            version = "4",
            status = "firing",
            alerts = new[] { new { status = "firing", labels = alertLabels, fingerprint = $"f-{_id}" } },
        }).ExpectAsync(HttpStatusCode.OK);
        return await Server.WithDbAsync(db => db.Incidents.Where(i => i.Service!.Key == $"svc-{_id}").Select(i => i.Number).SingleAsync());
    }

    private async Task<long> StartAsync(int number) =>
        (await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/runbook-runs", new { runbook = Key }).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();

    private async Task<string> RegisterAsync(string name, object labels)
    {
        var created = await Server.Admin.PostJsonAsync("/api/v1/runners", new { name, labels }).ExpectAsync(HttpStatusCode.Created);
        return created.Str("token");
    }

    private HttpClient RunnerClient(string token) => Server.Client(token);

    private async Task<int> JobsRunningAsync(string runner)
    {
        var listed = await Server.Admin.GetAsync("/api/v1/runners").ExpectAsync(HttpStatusCode.OK);
        return listed.EnumerateArray().Single(r => r.Str("name") == runner).GetProperty("jobsRunning").GetInt32();
    }

    private Task<List<string>> TimelineAsync(int number) => Server.WithDbAsync(db =>
        db.TimelineEntries.Where(t => db.Set<Incident>().Any(i => i.Id == t.IncidentId && i.Number == number) && t.Kind.StartsWith("runbook")).OrderBy(t => t.Id).Select(t => t.Text).ToListAsync());

    /// <summary>The last result of step <paramref name="step"/> once it is no longer running.</summary>
    private async Task<JsonElement> EndedAsync(int number, int step, RunnerProcess? runner = null) => await Eventually.WaitForAsync(
        async () =>
        {
            var runs = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/runbook-runs").ExpectAsync(HttpStatusCode.OK);
            return runs[runs.GetArrayLength() - 1].GetProperty("results").EnumerateArray().LastOrDefault(r => r.GetProperty("number").GetInt32() == step);
        },
        r => r.ValueKind == JsonValueKind.Object && r.Str("status") != "running",
        s_bound,
        $"step {step} ending (runner log: {runner?.Log})");

    [Fact]
    public async Task Registering_IsForAdminsOnly_TheTokenIsShownOnce_AndAWrongOrRemovedTokenIs401()
    {
        var name = $"r-{_id}";
        await Server.Responder.PostJsonAsync("/api/v1/runners", new { name, labels = new { env = "prod" } }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Viewer.GetAsync("/api/v1/runners").ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Admin.PostJsonAsync("/api/v1/runners", new { name = "Bad Name", labels = new { } }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var token = await RegisterAsync(name, new { env = "prod", region = "eu" });
        await Server.Admin.PostJsonAsync("/api/v1/runners", new { name, labels = new { } }).ExpectProblemAsync(HttpStatusCode.Conflict);

        var listed = await Server.Admin.GetStringAsync("/api/v1/runners");
        Assert.Contains(name, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(token, string.Join("\n", await Server.WithDbAsync(db => db.AuditEvents.Select(a => a.Resource + " " + (a.Details ?? "")).ToListAsync())), StringComparison.Ordinal);
        var wrong = await RunnerClient(token[..^1] + (token[^1] == 'a' ? "b" : "a")).PostAsync("/api/v1/runner/poll?wait=0", null).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("runner token", wrong.Str("detail"), StringComparison.Ordinal);
        await Server.Responder.PostAsync("/api/v1/runner/poll?wait=0", null).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await RunnerClient(token).PostAsync("/api/v1/runner/poll?wait=0", null).ExpectAsync(HttpStatusCode.NoContent);
        var seen = await Server.Admin.GetAsync("/api/v1/runners").ExpectAsync(HttpStatusCode.OK);
        Assert.True(seen.EnumerateArray().Single(r => r.Str("name") == name).GetProperty("connected").GetBoolean());

        await Server.Responder.DeleteAsync($"/api/v1/runners/{name}").ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Admin.DeleteAsync($"/api/v1/runners/{name}").ExpectAsync(HttpStatusCode.OK);
        await RunnerClient(token).PostAsync("/api/v1/runner/poll?wait=0", null).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"runner/{name}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["runner.create", "runner.remove"], audit.Order());
    }

    [Fact]
    public async Task AShellStep_GoesOnlyToAConnectedRunnerWithItsLabels_SurvivesInTheDatabase_AndIs409NamingTheLabelsOtherwise()
    {
        var number = await IncidentWithRunbookAsync($$$"""
            ```step shell
            title: Restart the pool
            argv: [systemctl, restart, "pool-{{ alert.labels.pool }}"]
            runner: { run: "{{{_id}}}", env: prod }
            ```
            """, new Dictionary<string, string> { ["pool"] = "orders" });
        var run = await StartAsync(number);

        var none = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"env=prod, run={_id}", none.Str("detail"), StringComparison.Ordinal);
        var staging = RunnerClient(await RegisterAsync($"staging-{_id}", new { run = _id, env = "staging" }));
        await staging.PostAsync("/api/v1/runner/poll?wait=0", null).ExpectAsync(HttpStatusCode.NoContent);
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        var prod = RunnerClient(await RegisterAsync($"prod-{_id}", new { run = _id, env = "prod", region = "eu" }));
        var notYet = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("none asked for work", notYet.Str("detail"), StringComparison.Ordinal);
        await prod.PostAsync("/api/v1/runner/poll?wait=0", null).ExpectAsync(HttpStatusCode.NoContent);

        var running = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("running", running.GetProperty("results")[0].Str("status"));
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        await staging.PostAsync("/api/v1/runner/poll?wait=0", null).ExpectAsync(HttpStatusCode.NoContent);

        // The job is a stored row: another server node on the same database hands it out.
        var peer = await Server.StartPeerAsync();
        JsonElement job;
        try
        {
            var address = peer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var atPeer = new HttpClient { BaseAddress = new Uri(address) };
            atPeer.DefaultRequestHeaders.Authorization = prod.DefaultRequestHeaders.Authorization;
            job = await atPeer.PostAsync("/api/v1/runner/poll?wait=0", null).ExpectAsync(HttpStatusCode.OK);
        }
        finally
        {
            await peer.StopAsync();
            await peer.DisposeAsync();
        }

        Assert.Equal(["systemctl", "restart", "pool-orders"], job.GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal((1, 0), (await JobsRunningAsync($"prod-{_id}"), await JobsRunningAsync($"staging-{_id}")));
        var id = job.GetProperty("id").GetInt64();
        await staging.PostJsonAsync($"/api/v1/runner/jobs/{id}/output", new { stdout = "not mine" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        var answer = await prod.PostJsonAsync($"/api/v1/runner/jobs/{id}/output", new { stdout = "stopping\n", stderr = "" }).ExpectAsync(HttpStatusCode.OK);
        Assert.False(answer.GetProperty("cancel").GetBoolean());
        await Server.Viewer.PostAsync($"/api/v1/runbook-runs/{run}/steps/1/cancel", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1/cancel", null).ExpectAsync(HttpStatusCode.OK);
        answer = await prod.PostJsonAsync($"/api/v1/runner/jobs/{id}/output", new { stdout = "started\n" }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(answer.GetProperty("cancel").GetBoolean());
        await prod.PostJsonAsync($"/api/v1/runner/jobs/{id}/done", new { outcome = "nonsense" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var done = await prod.PostJsonAsync($"/api/v1/runner/jobs/{id}/done", new { outcome = "cancelled" }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("cancelled", "stopping\nstarted\n"), (done.Str("status"), done.Str("stdout")));
        Assert.Equal(0, await JobsRunningAsync($"prod-{_id}"));
        await prod.PostJsonAsync($"/api/v1/runner/jobs/{id}/done", new { outcome = "exited", exitCode = 0 }).ExpectProblemAsync(HttpStatusCode.Conflict);
        var timeline = await TimelineAsync(number);
        Assert.Contains(timeline, t => t.StartsWith($"Sent step 1 'Restart the pool' of 'Shell {_id}' to a runner with labels env=prod, run={_id}", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.StartsWith($"Asked runner prod-{_id} to stop step 1", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.StartsWith($"Ran step 1 'Restart the pool' of 'Shell {_id}' on runner prod-{_id}: cancelled as rita asked", StringComparison.Ordinal));
        Assert.Equal("", await Server.WithDbAsync(db => db.Set<Firebreak.Server.Features.Runbooks.Runners.RunnerJob>().Where(j => j.Id == id).Select(j => j.Payload).SingleAsync()));
    }

    [Fact]
    public async Task ARealRunnerProcess_RunsOnlyItsAllowList_GivesValuesAsSingleArguments_KeepsStreamsApart_AndKillsTheTreeOnTimeoutAndCancel()
    {
        var markers = Directory.CreateDirectory(Path.Combine(_dir.Path, "markers")).FullName;
        var evil = $"x; rm -rf / ; $(touch {markers}/dollar) `touch {markers}/backtick`\ntouch {markers}/newline && echo done | sh";
        var number = await IncidentWithRunbookAsync($$$"""
            ```step shell
            title: Greet
            argv:
              - sh
              - -c
              - 'echo "out:$1"; echo "err:$1" >&2; exit 3'
              - sh
              - "{{ alert.labels.pool }}"
            expect_exit: 3
            runner: { run: "{{{_id}}}" }
            ```

            ```step shell
            title: Echo the label
            argv: [/usr/bin/printf, "%s", "{{ alert.labels.evil }}"]
            env:
              EVIL: "{{ alert.labels.evil }}"
            runner: { run: "{{{_id}}}" }
            ```

            ```step shell
            title: Not allowed
            argv: [touch, "{{{markers}}}/refused"]
            runner: { run: "{{{_id}}}" }
            ```

            ```step shell
            title: Hang
            argv: [sleep, "30"]
            timeout: 1s
            runner: { run: "{{{_id}}}" }
            ```

            ```step shell
            title: Fork and wait
            argv: [sh, -c, 'sleep 300 & echo "child $!"; wait']
            runner: { run: "{{{_id}}}" }
            ```
            """, new Dictionary<string, string> { ["pool"] = "orders", ["evil"] = evil });
        _dir.Write("allow.txt", "# what this runner may start\nsh\n/usr/bin/printf\n/usr/bin/sleep\n");
        var allow = Path.Combine(_dir.Path, "allow.txt");
        var name = $"proc-{_id}";
        var token = await RegisterAsync(name, new { run = _id });
        await using var runner = RunnerProcess.Start(Server.BaseAddress, token, allow);
        await Eventually.WaitForAsync(
            async () => (await Server.Admin.GetAsync("/api/v1/runners").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Single(r => r.Str("name") == name).GetProperty("connected").GetBoolean(),
            connected => connected || runner.HasExited, s_bound, "the runner asking for work");
        Assert.False(runner.HasExited, runner.Log);
        var run = await StartAsync(number);

        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectAsync(HttpStatusCode.OK);
        var greeted = await EndedAsync(number, 1, runner);
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/2", null).ExpectAsync(HttpStatusCode.OK);
        var echoed = await EndedAsync(number, 2, runner);
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/3", null).ExpectAsync(HttpStatusCode.OK);
        var refused = await EndedAsync(number, 3, runner);
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/4", null).ExpectAsync(HttpStatusCode.OK);
        var hung = await EndedAsync(number, 4, runner);

        Assert.Equal(("succeeded", 3, "out:orders\n", "err:orders\n"), (greeted.Str("status"), greeted.GetProperty("exitCode").GetInt32(), greeted.Str("stdout"), greeted.Str("stderr")));
        Assert.Equal(("succeeded", 0, evil), (echoed.Str("status"), echoed.GetProperty("exitCode").GetInt32(), echoed.Str("stdout")));
        Assert.Empty(Directory.GetFiles(markers));
        Assert.Equal("failed", refused.Str("status"));
        Assert.Contains("'touch' is not on this runner's allow-list", refused.Str("stderr"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("exitCode").ValueKind);
        Assert.Equal("failed", hung.Str("status"));
        Assert.Contains("ran past its timeout of 1 s", hung.Str("stderr"), StringComparison.Ordinal);

        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/5", null).ExpectAsync(HttpStatusCode.OK);
        var child = await Eventually.WaitForAsync(
            async () => (await Server.WithDbAsync(db => db.Set<Firebreak.Server.Features.Runbooks.Runs.RunbookStepResult>().Where(r => r.RunId == run && r.Number == 5).Select(r => r.Stdout).SingleAsync())) ?? "",
            stdout => stdout.StartsWith("child ", StringComparison.Ordinal), s_bound, $"the forked child's pid arriving (runner log: {runner.Log})");
        var pid = int.Parse(child["child ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Directory.Exists($"/proc/{pid}"), "the child runs before the cancel");
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/5/cancel", null).ExpectAsync(HttpStatusCode.OK);
        var cancelled = await EndedAsync(number, 5, runner);

        Assert.Equal("cancelled", cancelled.Str("status"));
        await Eventually.WaitForAsync(() => Task.FromResult(Directory.Exists($"/proc/{pid}")), alive => !alive, s_bound, "the forked child being killed with its parent");
        var timeline = await TimelineAsync(number);
        Assert.Contains($"Ran step 1 'Greet' of 'Shell {_id}' on runner {name}: exit 3, succeeded\nstdout:\nout:orders\n\nstderr:\nerr:orders\n", timeline);
        Assert.Contains(timeline, t => t.StartsWith($"Ran step 3 'Not allowed' of 'Shell {_id}' on runner {name}: refused: 'touch' is not on this runner's allow-list", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.StartsWith($"Ran step 5 'Fork and wait' of 'Shell {_id}' on runner {name}: cancelled as rita asked: its process tree was killed", StringComparison.Ordinal));
        Assert.False(runner.HasExited, runner.Log);
    }
}

public sealed class RunbookRunnerTests_Sqlite(SqliteServerFixture f) : RunbookRunnerTests(f), IClassFixture<SqliteServerFixture>;

public sealed class RunbookRunnerTests_Postgres(PostgresServerFixture f) : RunbookRunnerTests(f), IClassFixture<PostgresServerFixture>;
