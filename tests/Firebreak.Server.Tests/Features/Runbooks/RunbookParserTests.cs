using Firebreak.Core.Escalation;
using Firebreak.Server.Features.Runbooks.Format;

namespace Firebreak.Server.Tests.Features.Runbooks;

public sealed class RunbookParserTests
{
    private const string Valid = """
        ---
        key: db-pool
        title: Database connection pool exhausted
        services: [payments-api]
        match:
          - alertname="DbPoolExhausted"
          - env=~"prod|staging"
        owner: payments
        review_every: 90d
        severity: SEV-2
        ---

        ## Symptoms
        Requests time out waiting for a connection.

        ## Diagnosis
        ```step manual
        title: Look at the pool dashboard
        text: Active connections flat at the maximum means a leak or a slow query.
        ```

        ## Recovery
        ```step http
        key: open-breaker
        title: Shed the batch jobs
        method: post
        url: http://127.0.0.1:5000/demo/controls/batch/off
        headers:
          X-Reason: "incident {{ incident.number }}"
        expect_status: [200, 204]
        timeout: 5s
        dangerous: true
        ```

        ```step shell
        title: Restart the API
        argv: [systemctl, restart, "{{ alert.labels.unit }}"]
        runner: { env: prod }
        timeout: 2m
        ```

        ```bash
        # an example, never run
        ```
        """;

    [Fact]
    public void AValidRunbook_GivesItsFrontMatterSectionsAndStepsInOrder()
    {
        var parse = RunbookParser.Parse(Valid, "db-pool.md");

        Assert.Empty(parse.Errors);
        var doc = parse.Document!;
        Assert.Equal(("db-pool", "Database connection pool exhausted", "payments", "SEV-2"), (doc.Key, doc.Title, doc.Owner, doc.Severity));
        Assert.Equal(["payments-api"], doc.Services);
        Assert.Equal(["alertname=\"DbPoolExhausted\"", "env=~\"prod|staging\""], doc.Match.Select(m => m.ToString()));
        Assert.Equal(TimeSpan.FromDays(90), doc.ReviewEvery);
        Assert.Equal(["Symptoms", "Diagnosis", "Recovery"], doc.Sections);
        Assert.Equal([(1, "step-1", "manual", "Diagnosis"), (2, "open-breaker", "http", "Recovery"), (3, "step-3", "shell", "Recovery")],
            doc.Steps.Select(s => (s.Number, s.Key, s.Kind, s.Section)));
        var http = Assert.IsType<HttpStep>(doc.Steps[1]);
        Assert.Equal(("POST", true, TimeSpan.FromSeconds(5)), (http.Method, http.Dangerous, http.Timeout));
        Assert.True(http.Succeeded(204));
        Assert.False(http.Succeeded(201));
        Assert.Equal("incident {{ incident.number }}", http.Headers["X-Reason"]);
        var shell = Assert.IsType<ShellStep>(doc.Steps[2]);
        Assert.Equal(["systemctl", "restart", "{{ alert.labels.unit }}"], shell.Argv);
        Assert.Equal("prod", shell.Runner["env"]);
        Assert.Equal(23, doc.Steps[1].Line);
    }

    [Theory]
    [InlineData("{{ incident.number }}-{{ alert.labels.instance }}-{{ alert.labels[\"a-b\"] }}", "7-db-1-x")]
    [InlineData("{{ firebreak.url }}/demo/controls/x/{{ alert.annotations.mode | default: \"off\" }}", "http://fb/demo/controls/x/off")]
    public async Task StepTemplates_KnowTheIncidentTheAlertAndTheServer(string template, string expected)
    {
        Assert.Null(StepTemplates.Problem(template));
        var model = new StepModel(
            new Dictionary<string, object?> { ["number"] = 7 },
            new Dictionary<string, object?> { ["labels"] = new Dictionary<string, object?> { ["instance"] = "db-1", ["a-b"] = "x" }, ["annotations"] = new Dictionary<string, object?>() },
            new Dictionary<string, object?> { ["url"] = "http://fb" });

        Assert.Equal(expected, await StepTemplates.RenderAsync(template, model));
    }

    [Fact]
    public void Matching_NeedsEveryMatcher_AndARunbookWithoutMatchersMatchesNoAlert()
    {
        var doc = RunbookParser.Parse(Valid, "db-pool.md").Document!;

        Assert.True(doc.Matches(new Dictionary<string, string> { ["alertname"] = "DbPoolExhausted", ["env"] = "prod" }));
        Assert.False(doc.Matches(new Dictionary<string, string> { ["alertname"] = "DbPoolExhausted", ["env"] = "dev" }));
        var servicesOnly = RunbookParser.Parse("---\nkey: api\ntitle: API\nservices: [api]\n---\n", "api.md").Document!;
        Assert.False(servicesOnly.Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\ncolour: red\n---\n", "a.md:5: unknown field 'colour'")]
    [InlineData("---\nkey: a\ntitle: A\nmatch:\n  - alertname=~\"(\"\n---\n", "a.md:5: 'alertname=~\"(\"': the regular expression is invalid")]
    [InlineData("---\nkey: a\ntitle: A\nmatch: [nolabel]\n---\n", "a.md:4: 'nolabel' is not a matcher")]
    [InlineData("---\nkey: A B\ntitle: A\nservices: [x]\n---\n", "a.md:2: key 'A B' must be lower-case")]
    [InlineData("---\nkey: a\ntitle: A\n---\n", "a.md:2: say what the runbook answers")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\nreview_every: soon\n---\n", "a.md:5: 'review_every: soon' is not a duration")]
    [InlineData("# no front matter\n", "a.md:1: a runbook starts with front matter")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step ssh\ntitle: X\n```\n", "a.md:7: step kind 'ssh' is unknown")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step http\ntitle: X\n```\n", "a.md:8: 'url' is required")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step http\ntitle: X\nurl: ftp://x\n```\n", "a.md:9: url 'ftp://x' must start with http")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step shell\ntitle: X\nargv: \"rm -rf /\"\n```\n", "a.md:9: 'argv' is required")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step shell\ntitle: X\nargv: [ls]\ntimeout: 2h\n```\n", "a.md:10: timeout must be more than 0 and at most 30m")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step manual\ntitle: X\nshell: yes\n```\n", "a.md:9: unknown field 'shell'")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step manual\ntitle: [\n```\n", "a.md:9: step 1 is not valid YAML")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step manual\nkey: k\ntitle: X\n```\n\n```step manual\nkey: k\ntitle: Y\n```\n", "a.md:12: step 'k' is defined more than once (first at a.md:7)")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step http\ntitle: X\nurl: \"http://h/{{ incident.nmber }}\"\n```\n", "a.md:9: url: '{{ incident.nmber }}' is not a variable steps know")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step shell\ntitle: X\nargv:\n  - echo\n  - \"{{ secret }}\"\n```\n", "a.md:11: argv: '{{ secret }}' is not a variable steps know")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step http\ntitle: X\nurl: http://h/\nbody: \"{{ alert.labels.env \"\n```\n", "a.md:10: body: '{{ alert.labels.env ' is not a valid template")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```escalate\npage: user:ann\n```\n", "a.md:7: say when to escalate: 'after_failures: {step: 3, times: 2}' or 'unfinished_after: 30m'")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```escalate\nunfinished_after: 30m\nafter_failures: {step: 1}\npage: user:ann\n```\n", "a.md:7: an escalate block has one trigger")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```escalate\nunfinished_after: 30m\n```\n", "a.md:8: 'page' is required")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```escalate\nunfinished_after: 30m\npage: team:payments\n```\n", "a.md:9: page: target 'team:payments' is not user:<name>, schedule:<key> or commander")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step manual\ntitle: X\n```\n\n```escalate\nafter_failures: {step: 3, times: 2}\npage: commander\n```\n", "a.md:12: after_failures: there is no step 3 (this runbook has 1 step)")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step manual\ntitle: X\n```\n\n```escalate\nafter_failures: {step: 1, times: 0}\npage: commander\n```\n", "a.md:12: after_failures: times must be a whole number from 1 to 100")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step manual\ntitle: X\n```\n\n```escalate\nafter_failures: {step: 1, when: 2}\npage: commander\n```\n", "a.md:12: unknown field 'when'")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```escalate\nunfinished_after: 0m\npage: commander\n```\n", "a.md:8: 'unfinished_after: 0m' is not a duration")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```escalate\nunfinished_after: 30m\npage: commander\nsay: hi\n```\n", "a.md:10: unknown field 'say'")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step shell\ntitle: X\nargv: [ls]\nrunner: { \"bad key\": prod }\n```\n", "a.md:10: runner label 'bad key: prod' must be")]
    [InlineData("---\nkey: a\ntitle: A\nservices: [x]\n---\n\n```step shell\ntitle: X\nargv: [ls]\nrunner:\n  env: \"{{ alert.labels.env }}\"\n```\n", "a.md:11: runner label 'env: {{ alert.labels.env }}' must be")]
    public void EachMistake_IsReportedAtItsLineOfTheFile(string text, string expected)
    {
        var parse = RunbookParser.Parse(text, "a.md");

        Assert.False(parse.Ok);
        Assert.True(parse.Errors.Any(e => e.ToString().StartsWith(expected, StringComparison.Ordinal)), string.Join("\n", parse.Errors));
    }

    [Fact]
    public void EscalateBlocks_GiveTheirTriggerAndTargets_ByStepNumberOrKey()
    {
        var text = Valid + """


            ## Escalation
            ```escalate
            after_failures: {step: open-breaker, times: 2}
            page: [schedule:payments-primary, user:ann]
            ```

            ```escalate
            unfinished_after: 30m
            page: commander
            ```
            """;

        var parse = RunbookParser.Parse(text, "db-pool.md");

        Assert.Empty(parse.Errors);
        var (failures, timer) = (parse.Document!.Escalations[0], parse.Document.Escalations[1]);
        Assert.Equal((2, 2, (TimeSpan?)null), (failures.AfterStep, failures.Times, failures.UnfinishedAfter));
        Assert.Equal([EscalationTarget.Schedule("payments-primary"), EscalationTarget.User("ann")], failures.Page);
        Assert.Equal(((int?)null, TimeSpan.FromMinutes(30)), (timer.AfterStep, timer.UnfinishedAfter));
        Assert.Equal([EscalationTarget.IncidentCommander], timer.Page);
        Assert.Equal(3, parse.Document.Steps.Count);
        Assert.Equal("after step 2 fails twice", failures.Trigger);
        Assert.Equal("if the run is not finished in 30m", timer.Trigger);
    }
}
