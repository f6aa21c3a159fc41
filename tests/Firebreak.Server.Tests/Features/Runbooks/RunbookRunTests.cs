using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Runbooks;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Runbooks;

/// <summary>Running a runbook from an incident over the API: manual and HTTP steps on loopback, approval, verdicts.</summary>
public abstract class RunbookRunTests(ServerFixture fixture) : IAsyncLifetime
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private RecordingReceiver _receiver = null!;

    private RunningServer Server => fixture.Server;

    private string Key => $"pool-{_id}";

    public async Task InitializeAsync() => _receiver = await RecordingReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private string RunbookText(string steps, string reviewEvery) => $"""
        ---
        key: {Key}
        title: Pool exhausted {_id}
        match: ['alertname="PoolFull"', 'run="{_id}"']
        review_every: {reviewEvery}
        ---

        ## Recovery
        {steps}
        """;

    private async Task<int> IncidentWithRunbookAsync(string steps, string reviewEvery = "90d")
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", $"services:\n  - key: svc-{_id}\n    name: Svc\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        dir.Write("runbooks/pool.md", RunbookText(steps, reviewEvery));
        using (var scope = Server.App.Services.CreateScope())
        {
            var applied = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default);
            Assert.Empty(applied.Errors);
        }

        var integration = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"am-{_id}", kind = "alertmanager", service = $"svc-{_id}" }).ExpectAsync(HttpStatusCode.Created);
        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{integration.Str("key")}", new
        {
            version = "4",
            status = "firing",
            alerts = new[] { new { status = "firing", labels = new Dictionary<string, string> { ["alertname"] = "PoolFull", ["run"] = _id, ["pool"] = "orders" }, fingerprint = $"f-{_id}" } },
        }).ExpectAsync(HttpStatusCode.OK);
        return await Server.WithDbAsync(db => db.Incidents.Where(i => i.Service!.Key == $"svc-{_id}").Select(i => i.Number).SingleAsync());
    }

    private async Task<long> StartAsync(int number)
    {
        var run = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/runbook-runs", new { runbook = Key }).ExpectAsync(HttpStatusCode.Created);
        return run.GetProperty("id").GetInt64();
    }

    private Task<List<string>> TimelineAsync(int number) => Server.WithDbAsync(db =>
        db.TimelineEntries.Where(t => db.Set<Incident>().Any(i => i.Id == t.IncidentId && i.Number == number) && t.Kind.StartsWith("runbook")).OrderBy(t => t.Id).Select(t => t.Text).ToListAsync());

    [Fact]
    public async Task ManualAndHttpSteps_RunFromTheIncident_FillTheirTemplates_GoOnTheTimeline_AndAWorkingRunValidates()
    {
        var number = await IncidentWithRunbookAsync($$$"""
            ```step manual
            title: Look at the dashboard
            ```

            ```step http
            title: Shed the batch
            method: POST
            url: "{{{_receiver.Url("/controls/")}}}{{ alert.labels.pool }}/off"
            headers:
              X-Incident: "{{ incident.number }}"
            body: '{"reason": "incident {{ incident.number }} on {{ alert.labels.pool }}"}'
            expect_status: 200
            ```
            """);
        var offered = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/runbooks").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Key, offered[0].Str("key"));
        var run = await StartAsync(number);

        await Server.Responder.PostJsonAsync($"/api/v1/runbook-runs/{run}/steps/1", new { note = "pool flat at 100" }).ExpectAsync(HttpStatusCode.OK);
        var after = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/2", null).ExpectAsync(HttpStatusCode.OK);

        var sent = _receiver.OnlyRequestTo("/controls/orders/off");
        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Header("X-Incident"));
        Assert.Equal($"incident {number} on orders", sent.Json.Str("reason"));
        var result = after.GetProperty("results")[1];
        Assert.Equal(("succeeded", 200, "ok"), (result.Str("status"), result.GetProperty("httpStatus").GetInt32(), result.Str("stdout")));
        Assert.Equal(["done", "succeeded"], after.GetProperty("steps").EnumerateArray().Select(s => s.Str("status")));

        var finished = await Server.Responder.PostJsonAsync($"/api/v1/runbook-runs/{run}/finish", new { verdict = "worked" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("worked", finished.Str("verdict"));
        var runbook = await Server.WithDbAsync(db => db.Runbooks.SingleAsync(r => r.Key == Key));
        Assert.Equal($"incident #{number}", runbook.ValidatedBy);
        Assert.Equal(Server.Clock.GetUtcNow(), runbook.ValidatedAt);
        var timeline = await TimelineAsync(number);
        Assert.StartsWith($"Started runbook 'Pool exhausted {_id}' (version 1, 2 steps)", timeline[0], StringComparison.Ordinal);
        Assert.Equal($"Done: step 1 'Look at the dashboard' of 'Pool exhausted {_id}': pool flat at 100", timeline[1]);
        Assert.Matches(@"^Ran step 2 'Shed the batch' of '.*': POST http://127\.0\.0\.1:\d+/controls/orders/off → 200 in \d+ ms, succeeded\nok$", timeline[2]);
        Assert.StartsWith($"Runbook 'Pool exhausted {_id}' worked: validated by this incident", timeline[3], StringComparison.Ordinal);
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Health_NeverRun_ThenValidated_ThenStaleOnceItsReviewPeriodPasses_AndMetricsCountIt()
    {
        var number = await IncidentWithRunbookAsync("```step manual\ntitle: Look\n```", reviewEvery: "7d");
        async Task<string?> HealthAsync() => (await Server.Viewer.GetAsync($"/api/v1/runbooks/{Key}").ExpectAsync(HttpStatusCode.OK)).GetProperty("runbook").Str("health");
        Assert.Equal("never_run", await HealthAsync());

        var run = await StartAsync(number);
        await Server.Responder.PostJsonAsync($"/api/v1/runbook-runs/{run}/finish", new { verdict = "worked" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("validated", await HealthAsync());

        Server.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal("validated", await HealthAsync());
        Server.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("stale", await HealthAsync());
        var metrics = await Server.Anonymous.GetStringAsync("/metrics");
        Assert.Matches(@"firebreak_runbooks\{health=""stale""\} [1-9]", metrics);

        var again = await StartAsync(number);
        await Server.Responder.PostJsonAsync($"/api/v1/runbook-runs/{again}/finish", new { verdict = "needs_update", note = "dashboard moved" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("needs_update", await HealthAsync());
    }

    [Fact]
    public async Task Secrets_AreWriteOnly_FillSteps_AndNeverAppearInOutputTimelineOrAudit_InAnyEncoding()
    {
        var name = $"tok_{_id}";
        const string value = "s3cr3t+/token=value&x y";
        var set = await Server.Admin.PutAsJsonAsync($"/api/v1/runbook-secrets/{name}", new { value = value }).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(value, set.GetRawText(), StringComparison.Ordinal);
        await Server.Responder.PutAsJsonAsync($"/api/v1/runbook-secrets/{name}", new { value = "x" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Admin.PutAsJsonAsync("/api/v1/runbook-secrets/Bad-Name", new { value = "x" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var listed = await Server.Admin.GetStringAsync("/api/v1/runbook-secrets");
        Assert.Contains(name, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", listed, StringComparison.Ordinal);
        var number = await IncidentWithRunbookAsync($$$"""
            ```step http
            title: Echo it back in every spelling
            method: POST
            url: "{{{_receiver.Url("/reply/200")}}}?type=text/plain&body={{ secrets.{{{name}}} | url_encode }}%20{{ secrets.{{{name}}} | base64_encode }}%20{{ secrets.{{{name}}} | url_encode | url_encode }}"
            headers:
              Authorization: "Bearer {{ secrets.{{{name}}} }}"
            ```

            ```step http
            title: Use a secret nobody set
            url: "{{{_receiver.Url("/x")}}}?t={{ secrets.never_set_{{{_id}}} }}"
            ```
            """);
        var run = await StartAsync(number);

        var ran = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectAsync(HttpStatusCode.OK);
        var unset = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/2", null).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal($"Bearer {value}", _receiver.OnlyRequestTo("/reply/200").Header("Authorization"));
        var stdout = ran.GetProperty("results")[0].Str("stdout")!;
        // The receiver decodes the query once: it answers with the value URL-encoded, in base64, and URL-encoded.
        Assert.Equal($"[secret:{name}] [secret:{name}] [secret:{name}]", stdout);
        Assert.Contains($"never_set_{_id}", unset.Str("detail"), StringComparison.Ordinal);
        var forms = new[] { value, Uri.EscapeDataString(value), WebUtility.UrlEncode(value), Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)) };
        var kept = string.Join("\n", (await TimelineAsync(number))
            .Concat(await Server.WithDbAsync(db => db.Set<Firebreak.Server.Features.Runbooks.Runs.RunbookStepResult>().Select(r => (r.Stdout ?? "") + (r.Stderr ?? "") + (r.Note ?? "")).ToListAsync()))
            .Concat(await Server.WithDbAsync(db => db.AuditEvents.Select(a => a.Resource + " " + (a.Details ?? "")).ToListAsync()))
            .Concat(await Server.WithDbAsync(db => db.Set<Firebreak.Server.Features.Runbooks.Secrets.RunbookSecret>().Select(r => r.Protected).ToListAsync()))
            .Append(ran.GetRawText()));
        foreach (var form in forms)
        {
            Assert.DoesNotContain(form, kept, StringComparison.Ordinal);
        }

        Assert.Contains($"[secret:{name}]", (await TimelineAsync(number)).Single(t => t.StartsWith("Ran step 1", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADangerousStep_WaitsForTheCommanderOrAnAdmin_WhoIsNotWhoeverAsked()
    {
        var number = await IncidentWithRunbookAsync($$$"""
            ```step http
            title: Open the breaker
            method: POST
            url: "{{{_receiver.Url("/breaker/open")}}}"
            dangerous: true
            ```
            """);
        var run = await StartAsync(number);
        var other = Server.Client(await Server.CreateUserWithTokenAsync($"other-{_id}", Role.Responder));

        var asked = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("awaiting_approval", asked.GetProperty("results")[0].Str("status"));
        Assert.Empty(_receiver.Requests);
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        await Server.Viewer.PostAsync($"/api/v1/runbook-runs/{run}/steps/1/approve", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var notCommander = await other.PostAsync($"/api/v1/runbook-runs/{run}/steps/1/approve", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("commander or an admin", notCommander.Str("detail"), StringComparison.Ordinal);
        Assert.Empty(_receiver.Requests);

        var approved = await Server.Admin.PostAsync($"/api/v1/runbook-runs/{run}/steps/1/approve", null).ExpectAsync(HttpStatusCode.OK);

        var result = approved.GetProperty("results")[0];
        Assert.Equal("succeeded", result.Str("status"));
        Assert.NotEqual(result.Str("actor"), result.Str("approvedBy"));
        _receiver.OnlyRequestTo("/breaker/open");
        var timeline = await TimelineAsync(number);
        Assert.Contains(timeline, t => t.StartsWith("Asked to run step 1 'Open the breaker'", StringComparison.Ordinal) && t.Contains("waits for the commander or an admin", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.StartsWith("Approved step 1 'Open the breaker'", StringComparison.Ordinal));
        await Server.Admin.PostAsync($"/api/v1/runbook-runs/{run}/steps/1/approve", null).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AFailingOrRefusedHttpStep_IsRecordedAsFailed_AndNeedsUpdateTakesANote()
    {
        _receiver.Answer($"sw-{_id}", 503);
        var number = await IncidentWithRunbookAsync($$$"""
            ```step http
            title: Flip the switch
            method: POST
            url: "{{{_receiver.Url($"/switch/sw-{_id}")}}}"
            expect_status: 200
            ```

            ```step http
            title: Ask the metadata service
            url: http://169.254.169.254/latest/meta-data/
            ```

            ```step shell
            title: Restart
            argv: [systemctl, restart, api]
            runner: { env: prod }
            ```
            """);
        var run = await StartAsync(number);

        var failed = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectAsync(HttpStatusCode.OK);
        var refused = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/2", null).ExpectAsync(HttpStatusCode.OK);
        var shell = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/3", null).ExpectProblemAsync(HttpStatusCode.Conflict);

        var first = failed.GetProperty("results")[0];
        Assert.Equal(("failed", 503, "expected 200, got 503"), (first.Str("status"), first.GetProperty("httpStatus").GetInt32(), first.Str("stderr")));
        var second = refused.GetProperty("results")[1];
        Assert.Equal(JsonValueKind.Null, second.GetProperty("httpStatus").ValueKind);
        Assert.Contains("is not an allowed destination", second.Str("stderr"), StringComparison.Ordinal);
        Assert.Contains("env=prod", shell.Str("detail"), StringComparison.Ordinal);
        await Server.Responder.PostJsonAsync($"/api/v1/runbook-runs/{run}/finish", new { verdict = "needs_update" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Responder.PostJsonAsync($"/api/v1/runbook-runs/{run}/finish", new { verdict = "meh" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Responder.PostJsonAsync($"/api/v1/runbook-runs/{run}/finish", new { verdict = "needs_update", note = "the switch moved to /v2" }).ExpectAsync(HttpStatusCode.OK);
        var runbook = await Server.WithDbAsync(db => db.Runbooks.SingleAsync(r => r.Key == Key));
        Assert.Equal(("the switch moved to /v2", (DateTimeOffset?)null), (runbook.NeedsUpdate, runbook.ValidatedAt));
        var timeline = await TimelineAsync(number);
        Assert.Contains(timeline, t => t.Contains("→ 503 in", StringComparison.Ordinal) && t.Contains("failed: expected 200, got 503", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.Contains("→ no answer in", StringComparison.Ordinal));
        await Server.Viewer.PostJsonAsync($"/api/v1/incidents/{number}/runbook-runs", new { runbook = Key }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/runbook-runs", new { runbook = "nope" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var runs = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/runbook-runs").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, runs.GetArrayLength());
    }

    [Fact]
    public async Task RunAll_RunsTheRemainingAutomatedStepsInOrder_StoppingAtAManualStep_AFailure_AndAnApproval()
    {
        _receiver.Answer($"all-{_id}", 503);
        var number = await IncidentWithRunbookAsync($$$"""
            ```step http
            title: One
            method: POST
            url: "{{{_receiver.Url($"/all/{_id}/1")}}}"
            ```

            ```step http
            title: Two
            method: POST
            url: "{{{_receiver.Url($"/all/{_id}/2")}}}"
            ```

            ```step manual
            title: Look
            ```

            ```step http
            title: Flip
            method: POST
            url: "{{{_receiver.Url($"/switch/all-{_id}")}}}"
            expect_status: 200
            ```

            ```step http
            title: Five
            method: POST
            url: "{{{_receiver.Url($"/all/{_id}/5")}}}"
            ```

            ```step http
            title: Open the breaker
            method: POST
            url: "{{{_receiver.Url($"/all/{_id}/6")}}}"
            dangerous: true
            ```
            """);
        var run = await StartAsync(number);
        await Server.Viewer.PostAsync($"/api/v1/runbook-runs/{run}/run-all", null).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var first = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/run-all", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([1, 2], first.GetProperty("ran").EnumerateArray().Select(n => n.GetInt32()));
        Assert.Equal(3, first.GetProperty("stoppedAt").GetInt32());
        Assert.Contains("manual", first.Str("stopped"), StringComparison.Ordinal);
        Assert.Equal(new string?[] { "succeeded", "succeeded", null, null, null, null }, first.GetProperty("run").GetProperty("steps").EnumerateArray().Select(s => (string?)s.Str("status")));

        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/3", null).ExpectAsync(HttpStatusCode.OK);
        var failed = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/run-all", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([4], failed.GetProperty("ran").EnumerateArray().Select(n => n.GetInt32()));
        Assert.Equal(4, failed.GetProperty("stoppedAt").GetInt32());
        Assert.Contains("failed", failed.Str("stopped"), StringComparison.Ordinal);
        Assert.DoesNotContain(_receiver.Requests, r => r.Path == $"/all/{_id}/5");

        _receiver.Answer($"all-{_id}", 200);
        var asked = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/run-all", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([4, 5, 6], asked.GetProperty("ran").EnumerateArray().Select(n => n.GetInt32()));
        Assert.Equal(6, asked.GetProperty("stoppedAt").GetInt32());
        Assert.Contains("approval", asked.Str("stopped"), StringComparison.Ordinal);
        Assert.Equal("awaiting_approval", asked.GetProperty("run").GetProperty("steps")[5].Str("status"));
        Assert.DoesNotContain(_receiver.Requests, r => r.Path == $"/all/{_id}/6");
        Assert.Equal([$"/all/{_id}/1", $"/all/{_id}/2", $"/switch/all-{_id}", $"/switch/all-{_id}", $"/all/{_id}/5"],
            _receiver.Requests.Select(r => r.Path).Where(p => p.Contains(_id, StringComparison.Ordinal)));
        var timeline = await TimelineAsync(number);
        Assert.Equal(["Started", "Ran step 1", "Ran step 2", "Done: step 3", "Ran step 4", "Ran step 4", "Ran step 5", "Asked to run"],
            timeline.Select(t => string.Join(' ', t.Split(' ').Take(t.StartsWith("Started", StringComparison.Ordinal) ? 1 : 3))).Select(t => t.TrimEnd(':')));

        await Server.Admin.PostAsync($"/api/v1/runbook-runs/{run}/steps/6/approve", null).ExpectAsync(HttpStatusCode.OK);
        var done = await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/run-all", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((0, JsonValueKind.Null), (done.GetProperty("ran").GetArrayLength(), done.GetProperty("stoppedAt").ValueKind));
        await Server.Responder.PostJsonAsync($"/api/v1/runbook-runs/{run}/finish", new { verdict = "worked" }).ExpectAsync(HttpStatusCode.OK);
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/run-all", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        await Server.Responder.PostAsync("/api/v1/runbook-runs/999999/run-all", null).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnApprovedDangerousStep_ThatCannotRun_IsAFailureOnTheTimeline()
    {
        var number = await IncidentWithRunbookAsync($$$"""
            ```step http
            title: Open the breaker
            method: POST
            url: "{{{_receiver.Url("/breaker/open")}}}?t={{ secrets.never_set_{{{_id}}} }}"
            dangerous: true
            ```
            """);
        var run = await StartAsync(number);
        await Server.Responder.PostAsync($"/api/v1/runbook-runs/{run}/steps/1", null).ExpectAsync(HttpStatusCode.OK);

        var approved = await Server.Admin.PostAsync($"/api/v1/runbook-runs/{run}/steps/1/approve", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("failed", approved.GetProperty("results")[0].Str("status"));
        var timeline = await TimelineAsync(number);
        var line = Assert.Single(timeline, t => t.StartsWith("Could not run step 1 'Open the breaker'", StringComparison.Ordinal));
        Assert.Contains($"never_set_{_id}", line, StringComparison.Ordinal);
        Assert.True(timeline.IndexOf(line) > timeline.FindIndex(t => t.StartsWith("Approved step 1", StringComparison.Ordinal)));
    }
}

public sealed class RunbookRunTests_Sqlite(SqliteServerFixture f) : RunbookRunTests(f), IClassFixture<SqliteServerFixture>;

public sealed class RunbookRunTests_Postgres(PostgresServerFixture f) : RunbookRunTests(f), IClassFixture<PostgresServerFixture>;
