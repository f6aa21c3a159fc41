using System.Net;
using Firebreak.Cli;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak runbook list|show|run|approve|finish|status|lint</c> against a real server (issue 13, CLI part).</summary>
public sealed class RunbookCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>, IAsyncLifetime
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private RecordingReceiver _receiver = null!;

    private RunningServer Server => fixture.Server;

    private string Key => $"pool-{_id}";

    public async Task InitializeAsync() => _receiver = await RecordingReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static List<string> Squeezed(string output) =>
        [.. output.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))];

    private string RunbookText(string steps) => $"""
        ---
        key: {Key}
        title: Pool exhausted {_id}
        match: ['alertname="PoolFull"', 'run="{_id}"']
        ---

        ## Recovery
        {steps}
        """;

    /// <summary>Applies a runbook through config as code and opens an incident it matches through an Alertmanager alert.</summary>
    private async Task<string> IncidentWithRunbookAsync(string steps)
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", $"services:\n  - key: svc-{_id}\n    name: Svc\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        dir.Write("runbooks/pool.md", RunbookText(steps));
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
        var number = await Server.WithDbAsync(db => db.Incidents.Where(i => i.Service!.Key == $"svc-{_id}").Select(i => i.Number).SingleAsync());
        return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task ListShowRunStatusFinish_ManualAndHttpSteps_PrintEachResult_AndAWorkingRunValidates()
    {
        var incident = await IncidentWithRunbookAsync($$$"""
            Check the pool first.

            ```step manual
            title: Look at the dashboard
            ```

            ```step http
            title: Shed the batch
            method: POST
            url: "{{{_receiver.Url("/controls/")}}}{{ alert.labels.pool }}/off"
            expect_status: 200
            ```
            """);
        using var cli = await Server.CliAsAsync(Role.Responder);

        var list = await cli.RunAsync("runbook", "list");
        var validatedBefore = await cli.RunAsync("runbook", "list", "--health", "validated");
        var show = await cli.RunAsync("runbook", "show", Key);
        var offered = await cli.RunAsync("runbook", "list", "--incident", incident);
        var start = await cli.RunAsync("runbook", "run", "--incident", incident, Key, "--json");
        var run = Json(start).GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var manual = await cli.RunAsync("runbook", "run", "--incident", incident, Key, "--step", "1", "--note", "pool flat at 100");
        var http = await cli.RunAsync("runbook", "run", "--run", run, Key, "--step", "2");
        var status = await cli.RunAsync("runbook", "status", "--incident", incident);
        var finish = await cli.RunAsync("runbook", "finish", "--run", run, "--worked");
        var validatedAfter = await cli.RunAsync("runbook", "list", "--health", "validated");

        AssertExit(ExitCodes.Ok, list);
        Assert.Contains("KEY TITLE HEALTH VERSION OWNER SERVICES", Squeezed(list.Out));
        Assert.Contains($"{Key} Pool exhausted {_id} never_run 1 - -", Squeezed(list.Out));
        AssertExit(ExitCodes.Ok, validatedBefore);
        Assert.DoesNotContain(Key, validatedBefore.Out, StringComparison.Ordinal);
        AssertExit(ExitCodes.Ok, show);
        var shown = Squeezed(show.Out);
        Assert.Contains($"Pool exhausted {_id} ({Key})", shown);
        Assert.Contains("Health never_run", shown);
        Assert.Contains("1 manual Look at the dashboard Recovery -", shown);
        Assert.Contains("2 http Shed the batch Recovery -", shown);
        Assert.Contains("Check the pool first.", shown);
        AssertExit(ExitCodes.Ok, offered);
        Assert.Contains(Squeezed(offered.Out), l => l.StartsWith($"{Key} Pool exhausted {_id} 1 ", StringComparison.Ordinal));
        AssertExit(ExitCodes.Ok, start);
        AssertExit(ExitCodes.Ok, manual);
        Assert.Contains($"Step 1 'Look at the dashboard' of run {run}: done", manual.Out, StringComparison.Ordinal);
        Assert.Contains("Note pool flat at 100", Squeezed(manual.Out));
        AssertExit(ExitCodes.Ok, http);
        Assert.Contains($"Step 2 'Shed the batch' of run {run}: succeeded", http.Out, StringComparison.Ordinal);
        Assert.Contains("HTTP status 200", Squeezed(http.Out));
        Assert.Contains("stdout", Squeezed(http.Out));
        _receiver.OnlyRequestTo("/controls/orders/off");
        AssertExit(ExitCodes.Ok, status);
        Assert.Contains($"Run {run}: Pool exhausted {_id} ({Key} version 1)", status.Out, StringComparison.Ordinal);
        Assert.Contains("1 manual Look at the dashboard done -", Squeezed(status.Out));
        Assert.Contains("2 http Shed the batch succeeded -", Squeezed(status.Out));
        AssertExit(ExitCodes.Ok, finish);
        Assert.Contains("worked", finish.Out, StringComparison.Ordinal);
        Assert.Contains(Key, validatedAfter.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ADangerousStep_SaysItWaitsForApproval_ThenAnAdminApprovesIt()
    {
        var incident = await IncidentWithRunbookAsync($$$"""
            ```step http
            title: Open the breaker
            method: POST
            url: "{{{_receiver.Url("/breaker/open")}}}"
            dangerous: true
            ```
            """);
        using var responder = await Server.CliAsAsync(Role.Responder);
        using var admin = await Server.CliAsAsync(Role.Admin);

        var show = await responder.RunAsync("runbook", "show", Key);
        var start = await responder.RunAsync("runbook", "run", "--incident", incident, Key);
        var asked = await responder.RunAsync("runbook", "run", "--incident", incident, Key, "--step", "1");
        var run = Json(await responder.RunAsync("runbook", "status", "--incident", incident, "--json"))[0].GetProperty("id").GetInt64()
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        var selfApproved = await responder.RunAsync("runbook", "approve", "--run", run, "--step", "1");
        var requestsBeforeApproval = _receiver.Requests.Count;
        var approved = await admin.RunAsync("runbook", "approve", "--run", run, "--step", "1");

        Assert.Contains("1 http Open the breaker Recovery needs approval", Squeezed(show.Out));
        AssertExit(ExitCodes.Ok, start);
        Assert.Contains($"Started run {run}:", start.Out, StringComparison.Ordinal);
        Assert.Contains("1 http Open the breaker not run needs approval", Squeezed(start.Out));
        AssertExit(ExitCodes.Ok, asked);
        Assert.Contains(": awaiting_approval", asked.Out, StringComparison.Ordinal);
        Assert.Contains("waits for approval by the incident's commander or an admin", asked.Out, StringComparison.Ordinal);
        Assert.Contains($"firebreak runbook approve --run {run} --step 1", asked.Out, StringComparison.Ordinal);
        AssertError(ExitCodes.Auth, "commander or an admin", selfApproved);
        Assert.Equal(0, requestsBeforeApproval);
        AssertExit(ExitCodes.Ok, approved);
        Assert.Contains($"Step 1 'Open the breaker' of run {run}: succeeded", approved.Out, StringComparison.Ordinal);
        Assert.Contains(Squeezed(approved.Out), l => l.StartsWith("Approved by ", StringComparison.Ordinal));
        _receiver.OnlyRequestTo("/breaker/open");
    }

    [Fact]
    public async Task Lint_ABrokenFile_PrintsFileAndLineAndExits1_AGoodFolderExits0()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "good"));
        dir.Write("good/pool.md", RunbookText("```step manual\ntitle: Look\n```"));
        dir.Write("broken.md", RunbookText("```step http\ntitle: Shed\nmethod: FETCH\n```"));
        var broken = Path.Combine(dir.Path, "broken.md");
        // Offline: no server URL or token at all.
        using var cli = new CliHarness();

        var bad = await cli.RunAsync("runbook", "lint", broken);
        var good = await cli.RunAsync("runbook", "lint", Path.Combine(dir.Path, "good"));
        var json = await cli.RunAsync("runbook", "lint", broken, "--json");

        AssertExit(ExitCodes.Refused, bad);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(broken)}:\d+: .*method", bad.Error);
        Assert.Matches(@"^[1-9]\d* error\(s\)\.", bad.Out);
        AssertExit(ExitCodes.Ok, good);
        Assert.Equal("1 runbook(s) OK.", good.Out.Trim());
        AssertExit(ExitCodes.Refused, json);
        Assert.Equal(broken, Json(json).GetProperty("errors")[0].Str("file"));
    }

    [Theory]
    [InlineData("Say which incident to run the runbook on: --incident N.", "runbook", "run", "pool")]
    [InlineData("--run and --note go with --step", "runbook", "run", "--incident", "1", "pool", "--note", "x")]
    [InlineData("Say which run: --run ID, or --incident N", "runbook", "run", "pool", "--step", "1")]
    [InlineData("--all runs every remaining step and --step one: give one of them", "runbook", "run", "--run", "1", "--all", "--step", "1")]
    [InlineData("Say which runbook: KEY, with --incident N", "runbook", "run", "--incident", "1", "--step", "1")]
    [InlineData("Give one verdict: --worked, or --needs-update", "runbook", "finish", "--run", "1")]
    [InlineData("Give one verdict: --worked, or --needs-update", "runbook", "finish", "--run", "1", "--worked", "--needs-update", "x")]
    [InlineData("Give --health or --incident, not both", "runbook", "list", "--incident", "1", "--health", "stale")]
    [InlineData("Must be one of", "runbook", "list", "--health", "bogus")]
    [InlineData("Option '--step' is required.", "runbook", "approve", "--run", "1")]
    [InlineData("is neither a file nor a folder", "runbook", "lint", "/nonexistent/runbooks")]
    public async Task UsageErrors_Exit2_WithAMessage_AndSendNothing(string says, params string[] args)
    {
        // No server at this address: a usage error must fail before any request.
        using var cli = new CliHarness(new Uri("http://127.0.0.1:9/"), "token");

        var run = await cli.RunAsync(args);

        AssertError(ExitCodes.Usage, says, run);
    }

    [Fact]
    public async Task RunStep_WithoutAnOpenRun_Exits1AndSaysHowToStartOne()
    {
        var incident = await IncidentWithRunbookAsync("```step manual\ntitle: Look\n```");
        using var cli = await Server.CliAsAsync(Role.Responder);

        var run = await cli.RunAsync("runbook", "run", "--incident", incident, Key, "--step", "1");

        AssertError(ExitCodes.Refused, $"has no unfinished run of runbook '{Key}'", run);
        Assert.Contains($"firebreak runbook run --incident {incident} {Key}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunStepAndRunAll_ByRunId_NeedNoKey_AndRunAllPrintsWhatRanAndWhereItStopped()
    {
        var incident = await IncidentWithRunbookAsync($$$"""
            ```step manual
            title: Look at the dashboard
            ```

            ```step http
            title: Shed the batch
            method: POST
            url: "{{{_receiver.Url($"/controls/{_id}/off")}}}"
            ```

            ```step manual
            title: Watch it drain
            ```
            """);
        var started = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{incident}/runbook-runs", new { runbook = Key }).ExpectAsync(HttpStatusCode.Created);
        var run = started.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var cli = await Server.CliAsAsync(Role.Responder);

        var ticked = await cli.RunAsync("runbook", "run", "--run", run, "--step", "1", "--note", "flat");
        var all = await cli.RunAsync("runbook", "run", "--incident", incident, Key, "--all");

        AssertExit(ExitCodes.Ok, ticked);
        Assert.Contains($"Step 1 'Look at the dashboard' of run {run}: done", ticked.Out, StringComparison.Ordinal);
        AssertExit(ExitCodes.Ok, all);
        Assert.Contains($"Step 2 'Shed the batch' of run {run}: succeeded", all.Out, StringComparison.Ordinal);
        Assert.Contains("Stopped at step 3 'Watch it drain'", all.Out, StringComparison.Ordinal);
        _receiver.OnlyRequestTo($"/controls/{_id}/off");
        var again = await cli.RunAsync("runbook", "run", "--run", run, "--all");
        AssertExit(ExitCodes.Ok, again);
        Assert.Contains("Nothing ran", again.Out, StringComparison.Ordinal);
    }
}
