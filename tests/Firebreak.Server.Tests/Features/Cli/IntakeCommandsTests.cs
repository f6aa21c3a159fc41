using System.Globalization;
using System.Net;
using Firebreak.Cli;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak integration …</c>, <c>alert …</c> and <c>incident merge</c> against a real server.</summary>
public sealed class IntakeCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>, IDisposable
{
    private readonly TempDir _files = new();

    private RunningServer Server => fixture.Server;

    public void Dispose() => _files.Dispose();

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_files.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Creates an alertmanager integration through the CLI and returns its id.</summary>
    private static async Task<string> CreateAsync(CliHarness admin, params string[] extra)
    {
        var run = await admin.RunAsync(["integration", "create", "--name", $"am-{Guid.NewGuid():N}", "--kind", "alertmanager", "--json", .. extra]);
        AssertExit(ExitCodes.Ok, run);
        return Text(Json(run).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Integration_CreateShowListDisableEnable_PrintsSnippetsAndState()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);
        var service = await Server.AddServiceAsync();
        var name = $"prod Alertmanager {Guid.NewGuid():N}";

        var created = await admin.RunAsync("integration", "create", "--name", name, "--kind", "alertmanager", "--service", service,
            "--group-by", "alertname,cluster", "--window", "30m", "--rate", "120");

        AssertExit(ExitCodes.Ok, created);
        Assert.StartsWith("Created integration ", created.Out, StringComparison.Ordinal);
        var id = created.Out.Split(' ')[2];
        foreach (var expected in new[] { "alertname, cluster", "30m", "120 events/minute", "URL", "/integrations/alertmanager/", "webhook_configs:", "pagerduty_configs:", "send_resolved: true", "curl -sS" })
        {
            Assert.Contains(expected, created.Out, StringComparison.Ordinal);
        }

        var list = await admin.RunAsync("integration", "list");
        AssertExit(ExitCodes.Ok, list);
        Assert.StartsWith("ID", list.Out, StringComparison.Ordinal);
        var row = Assert.Single(list.Out.Split('\n'), l => l.Contains(name, StringComparison.Ordinal));
        Assert.StartsWith(id + " ", row, StringComparison.Ordinal);
        foreach (var expected in new[] { "alertmanager", service, "alertname,cluster", "30m", "120", "enabled" })
        {
            Assert.Contains(expected, row, StringComparison.Ordinal);
        }

        var shown = await admin.RunAsync("integration", "show", id, "--json");
        AssertExit(ExitCodes.Ok, shown);
        var key = Json(shown).Str("key");
        Assert.EndsWith($"/integrations/alertmanager/{key}", Json(shown).GetProperty("snippets").Str("url"), StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Out, StringComparison.Ordinal);

        var disabled = await admin.RunAsync("integration", "disable", id);
        AssertExit(ExitCodes.Ok, disabled);
        Assert.Equal($"Integration {id} '{name}' is disabled.", disabled.Out.Trim());
        Assert.Contains("disabled", (await admin.RunAsync("integration", "show", id)).Out, StringComparison.Ordinal);
        var enabled = await admin.RunAsync("integration", "enable", id);
        Assert.Equal($"Integration {id} '{name}' is enabled.", enabled.Out.Trim());
    }

    [Fact]
    public async Task Integration_CreatePagerDuty_PrintsTheSharedUrlAndTheRoutingKey()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);

        var created = await admin.RunAsync("integration", "create", "--name", $"pd-{Guid.NewGuid():N}", "--kind", "pagerduty");

        AssertExit(ExitCodes.Ok, created);
        var id = created.Out.Split(' ')[2];
        var key = Json(await admin.RunAsync("integration", "show", id, "--json")).Str("key");
        Assert.Contains($"URL\n{Server.BaseAddress}v2/enqueue\n\nRouting key\n{key}\n", created.Out, StringComparison.Ordinal);
        Assert.Contains("dedup_key", created.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Integration_CreateUnknownKind_ExitsOneWithTheFieldError()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);

        var run = await admin.RunAsync("integration", "create", "--name", "nagios", "--kind", "nagios");

        AssertExit(ExitCodes.Refused, run);
        Assert.Empty(run.Out);
        Assert.Contains("kind: Unknown kind 'nagios'. Use one of: pagerduty, alertmanager, grafana, generic.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("enable")]
    [InlineData("test")]
    [InlineData("rules", "get")]
    public async Task Integration_UnknownId_ExitsOneWithTheServersDetail(params string[] verb)
    {
        using var admin = await Server.CliAsAsync(Role.Admin);

        var run = await admin.RunAsync(["integration", .. verb, "999999"]);

        AssertError(ExitCodes.Refused, "No integration 999999.", run);
    }

    [Fact]
    public async Task Integration_ResponderToken_ExitsThreeBecauseIntegrationsAreForAdmins()
    {
        using var responder = await Server.CliAsAsync(Role.Responder);

        var run = await responder.RunAsync("integration", "list");

        AssertError(ExitCodes.Auth, "role", run);
    }

    [Fact]
    public async Task Integration_Test_OpensAnIncidentThatAlertListAndShowFind()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);
        var id = await CreateAsync(admin);

        var test = await admin.RunAsync("integration", "test", id, "--json");

        AssertExit(ExitCodes.Ok, test);
        Assert.Equal("created", Json(test).Str("outcome"));
        var alert = Text(Json(test).GetProperty("alertId").GetInt64());
        var incident = Text(Json(test).GetProperty("incidentNumber").GetInt32());
        var said = await admin.RunAsync("integration", "test", id);
        Assert.Matches(@"^Test event created alert \d+ on incident #\d+\.", said.Out);

        using var viewer = await Server.CliAsAsync(Role.Viewer);
        var list = await viewer.RunAsync("alert", "list", "--incident", incident, "--status", "open");
        AssertExit(ExitCodes.Ok, list);
        var row = Assert.Single(list.Out.Split('\n'), l => l.StartsWith(alert + " ", StringComparison.Ordinal));
        foreach (var expected in new[] { "triggered", "Test event from Firebreak", $"#{incident}" })
        {
            Assert.Contains(expected, row, StringComparison.Ordinal);
        }

        var shown = await viewer.RunAsync("alert", "show", alert);
        AssertExit(ExitCodes.Ok, shown);
        Assert.StartsWith($"Alert {alert}  Test event from Firebreak", shown.Out, StringComparison.Ordinal);
        foreach (var expected in new[] { "Labels", "alertname", "FirebreakTest", "Events (UTC)", "ACTION", "trigger", "created" })
        {
            Assert.Contains(expected, shown.Out, StringComparison.Ordinal);
        }

        var json = await viewer.RunAsync("alert", "show", alert, "--json");
        Assert.Equal("FirebreakTest", Json(json).GetProperty("labels").Str("alertname"));
    }

    [Fact]
    public async Task Alert_ListUnknownStatusOrShowUnknownId_ExitsOneWithTheServersMessage()
    {
        using var viewer = await Server.CliAsAsync(Role.Viewer);

        var status = await viewer.RunAsync("alert", "list", "--status", "sleeping");
        var show = await viewer.RunAsync("alert", "show", "99999999");

        AssertError(ExitCodes.Refused, "status: Unknown status 'sleeping'", status);
        AssertError(ExitCodes.Refused, "No alert 99999999.", show);
    }

    [Fact]
    public async Task Rules_SetFromYamlGetAndRoundTripThroughJson_ThenDryRun()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);
        var payments = await Server.AddServiceAsync();
        var id = await CreateAsync(admin);
        var yaml = WriteFile("rules.yaml", $"""
            # Dev alerts never page.
            rules:
              - name: ignore dev
                match: ["env=dev"]
                drop: true
              - name: payments pages hard
                match:
                  - team=payments
                service: {payments}
                severity: SEV-1
            """);

        var set = await admin.RunAsync("integration", "rules", "set", id, "--file", yaml);
        AssertExit(ExitCodes.Ok, set);
        Assert.EndsWith("now has 2 routing rules.", set.Out.Trim(), StringComparison.Ordinal);

        var get = await admin.RunAsync("integration", "rules", "get", id);
        AssertExit(ExitCodes.Ok, get);
        var lines = get.Out.Split('\n');
        Assert.Contains("MATCH", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^1\s+ignore dev\s+env=dev\s+-\s+-\s+yes$", lines[1]);
        Assert.Matches($@"^2\s+payments pages hard\s+team=payments\s+{payments}\s+SEV-1\s+-$", lines[2]);

        // What 'get --json' prints is what 'set' reads: save it, and setting it again changes nothing.
        var json = await admin.RunAsync("integration", "rules", "get", id, "--json");
        AssertExit(ExitCodes.Ok, json);
        Assert.Equal(2, Json(json).GetProperty("rules").GetArrayLength());
        var again = await admin.RunAsync("integration", "rules", "set", id, "--file", WriteFile("rules.json", json.Out));
        AssertExit(ExitCodes.Ok, again);
        Assert.Equal(get.Out, (await admin.RunAsync("integration", "rules", "get", id)).Out);

        var byLabel = await admin.RunAsync("integration", "rules", "dry-run", id, "--label", "alertname=Errors", "--label", "team=payments");
        AssertExit(ExitCodes.Ok, byLabel);
        Assert.Matches($@"\nErrors\s+payments pages hard\s+{payments}\s+SEV-1\s+", byLabel.Out);

        var sample = WriteFile("sample.json", """
            {"alerts": [
              {"status": "firing", "labels": {"alertname": "Slow", "env": "dev"}, "fingerprint": "s-1"},
              {"status": "firing", "labels": {"alertname": "Down", "team": "payments"}, "fingerprint": "s-2"}
            ]}
            """);
        var byPayload = await admin.RunAsync("integration", "rules", "dry-run", id, "--file", sample, "--json");
        AssertExit(ExitCodes.Ok, byPayload);
        Assert.Equal([true, false], Json(byPayload).EnumerateArray().Select(r => r.GetProperty("drop").GetBoolean()));

        // Unsaved rules are tried without replacing the saved ones.
        var draft = WriteFile("draft.yaml", $"- name: slow to payments\n  match: [\"alertname=Slow\"]\n  service: {payments}\n");
        var tried = await admin.RunAsync("integration", "rules", "dry-run", id, "--file", sample, "--rules", draft);
        AssertExit(ExitCodes.Ok, tried);
        Assert.Matches($@"\nSlow\s+slow to payments\s+{payments}\s+", tried.Out);
        Assert.Equal(2, Json(await admin.RunAsync("integration", "rules", "get", id, "--json")).GetProperty("rules").GetArrayLength());

        var cleared = await admin.RunAsync("integration", "rules", "set", id, "--file", WriteFile("none.yaml", "rules: []\n"));
        Assert.EndsWith("now has 0 routing rules.", cleared.Out.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_SetUnknownService_ExitsOneNamingTheRule()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);
        var id = await CreateAsync(admin);

        var run = await admin.RunAsync("integration", "rules", "set", id, "--file", WriteFile("bad.json", """[{"match": ["a=b"], "service": "nowhere"}]"""));

        AssertError(ExitCodes.Refused, "rules[0]: unknown service 'nowhere'", run);
    }

    [Theory]
    [InlineData("broken.yaml", "rules:\n  - name: [unclosed\n", "is not valid YAML: line 3: While parsing a flow sequence")]
    [InlineData("broken.json", "{\"rules\": [", "is not valid JSON")]
    [InlineData("other.yaml", "severity: SEV-1\n", "holds no list of rules")]
    [InlineData("empty.yaml", "\n", "is empty")]
    [InlineData(null, null, "cannot read")]
    public async Task Rules_SetBadFile_ExitsTwoAndSendsNothing(string? name, string? content, string says)
    {
        using var admin = await Server.CliAsAsync(Role.Admin);
        var id = await CreateAsync(admin, "--group-by", "alertname");
        var path = name is null ? Path.Combine(_files.Path, "missing.yaml") : WriteFile(name, content!);

        var run = await admin.RunAsync("integration", "rules", "set", id, "--file", path);

        AssertError(ExitCodes.Usage, says, run);
        Assert.Equal(0, Json(await admin.RunAsync("integration", "rules", "get", id, "--json")).GetProperty("rules").GetArrayLength());
    }

    [Theory]
    [InlineData("Give a sample with --file, or labels with --label")]
    [InlineData("is not name=value", "--label", "team")]
    public async Task Rules_DryRunWithoutASample_ExitsTwo(string says, params string[] extra)
    {
        using var admin = await Server.CliAsAsync(Role.Admin);

        var run = await admin.RunAsync(["integration", "rules", "dry-run", "1", .. extra]);

        AssertError(ExitCodes.Usage, says, run);
    }

    [Fact]
    public async Task Alert_MoveToAnotherIncidentThenSplitOff_SaysFromWhereToWhere()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);
        using var responder = await Server.CliAsAsync(Role.Responder);
        var id = await CreateAsync(admin);
        var test = Json(await admin.RunAsync("integration", "test", id, "--json"));
        var alert = Text(test.GetProperty("alertId").GetInt64());
        var from = test.GetProperty("incidentNumber").GetInt32();
        var declared = await responder.RunAsync("incident", "declare", "Where the alert belongs", "--severity", "SEV-3", "--json");
        var to = Json(declared).GetProperty("number").GetInt32();

        var moved = await responder.RunAsync("alert", "move", alert, "--to", Json(declared).Str("slug"));
        AssertExit(ExitCodes.Ok, moved);
        Assert.Equal($"Alert {alert} moved from #{from} to incident #{to}.", moved.Out.Trim());

        var split = await responder.RunAsync("alert", "move", alert, "--new", "--json");
        AssertExit(ExitCodes.Ok, split);
        Assert.Equal(to, Json(split).GetProperty("fromIncident").GetInt32());
        Assert.NotEqual(to, Json(split).GetProperty("toIncident").GetInt32());

        var again = await responder.RunAsync("alert", "move", alert, "--to", Text(Json(split).GetProperty("toIncident").GetInt32()));
        AssertError(ExitCodes.Refused, "is already on incident", again);
    }

    [Fact]
    public async Task Alert_MoveWithViewerToken_ExitsThreeAndUnknownAlertExitsOne()
    {
        using var viewer = await Server.CliAsAsync(Role.Viewer);
        using var responder = await Server.CliAsAsync(Role.Responder);

        var refused = await viewer.RunAsync("alert", "move", "1", "--new");
        var unknown = await responder.RunAsync("alert", "move", "99999999", "--new");

        AssertError(ExitCodes.Auth, "role", refused);
        AssertError(ExitCodes.Refused, "No alert 99999999.", unknown);
    }

    [Fact]
    public async Task Incident_Merge_ResolvesTheSourceAndNamesTheTarget()
    {
        using var responder = await Server.CliAsAsync(Role.Responder);
        var source = Json(await responder.RunAsync("incident", "declare", "Checkout errors", "--severity", "SEV-2", "--json")).GetProperty("number").GetInt32();
        var target = Json(await responder.RunAsync("incident", "declare", "Payments API down", "--severity", "SEV-1", "--json"));

        var merged = await responder.RunAsync("incident", "merge", Text(source), "--into", target.Str("slug"));

        AssertExit(ExitCodes.Ok, merged);
        Assert.Equal($"Merged #{source} into #{target.GetProperty("number").GetInt32()} Payments API down; #{source} is resolved.", merged.Out.Trim());
        Assert.Equal("resolved", Json(await responder.RunAsync("incident", "show", Text(source), "--json")).Str("status"));

        var closed = await responder.RunAsync("incident", "merge", Text(source), "--into", target.Str("slug"));
        AssertError(ExitCodes.Refused, "must be an open incident", closed);
        var unknown = await responder.RunAsync("incident", "merge", "99999", "--into", target.Str("slug"));
        AssertError(ExitCodes.Refused, "No incident '99999'", unknown);
    }

    [Fact]
    public async Task Incident_MergeWithViewerToken_ExitsThree()
    {
        using var viewer = await Server.CliAsAsync(Role.Viewer);

        var run = await viewer.RunAsync("incident", "merge", "1", "--into", "2");

        AssertExit(ExitCodes.Auth, run);
    }
}
