using System.Text.Json;
using Firebreak.Core.Intake;

namespace Firebreak.Core.Tests.Intake;

public sealed class GenericMappingTests
{
    private static readonly GenericMapping s_custom = new(
        Alerts: "data.events",
        DedupKey: "{{check.host}}/{{check.name}}",
        Summary: "title|check.name",
        Source: "check.host",
        Severity: new GenericValueMap("priority", new() { ["P1"] = "critical", ["crit"] = "critical", ["P3"] = "warning" }, "error"),
        Action: new GenericValueMap("state", new() { ["ALARM"] = "trigger", ["OK"] = "resolve" }),
        Timestamp: "at",
        Labels: new GenericFieldSet("tags", new() { ["team"] = "owner.team" }),
        Annotations: new GenericFieldSet(Fields: new() { ["runbook"] = "docs[0].url" }),
        Links: new GenericFieldSet("links", new() { ["Dashboard"] = "https://grafana.example/d/{{check.name}}" }),
        CustomDetails: "details");

    private static GenericMapper Compile(GenericMapping mapping)
    {
        var (mapper, errors) = GenericMappingValidation.Compile(mapping);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return mapper!;
    }

    private static GenericMappingResult Apply(GenericMapping mapping, string json) => Compile(mapping).Apply(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Apply_CustomMapping_ReadsEveryField()
    {
        var result = Apply(s_custom, """
            {"data": {"events": [
              {"title": "Disk full", "check": {"host": "db-1", "name": "disk"}, "priority": "p1", "state": "ALARM", "at": 1768443120,
               "tags": {"env": "prod", "replicas": 3}, "owner": {"team": "storage"}, "docs": [{"url": "https://runbooks.example/disk"}],
               "links": ["https://status.example", {"url": "https://ci.example", "name": "CI"}], "details": {"free": "0%"}},
              {"check": {"host": "db-2", "name": "cpu"}, "priority": "whatever", "state": "ok"}
            ]}}
            """);

        Assert.True(result.Ok, string.Join("; ", result.Errors));
        var first = result.Signals[0];
        Assert.Equal((AlertAction.Trigger, "db-1/disk", "Disk full", "db-1"), (first.Action, first.DedupKey, first.Summary, first.Source));
        Assert.Equal(AlertSeverity.Critical, first.Severity);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1768443120), first.Timestamp);
        Assert.Equal(new Dictionary<string, string> { ["env"] = "prod", ["replicas"] = "3", ["team"] = "storage" }, first.Labels);
        Assert.Equal("https://runbooks.example/disk", first.Annotations!["runbook"]);
        Assert.Equal(["https://status.example", "https://ci.example", "https://grafana.example/d/disk"], first.Links!.Select(l => l.Href));
        Assert.Equal([null, "CI", "Dashboard"], first.Links!.Select(l => l.Text));
        Assert.Equal("""{"free": "0%"}""", first.CustomDetails!.Value.GetRawText());

        var second = result.Signals[1];
        Assert.Equal((AlertAction.Resolve, "db-2/cpu", "cpu"), (second.Action, second.DedupKey, second.Summary));
        Assert.Equal(AlertSeverity.Error, second.Severity);
        Assert.Null(second.CustomDetails);
    }

    [Fact]
    public void Apply_DefaultMapping_ReadsAnObjectOrAnArray_AndKeepsTheWholeItemAsDetails()
    {
        var mapper = Compile(GenericMapping.Default);

        var one = mapper.Apply(JsonDocument.Parse("""{"id": "a1", "title": "Queue backed up", "priority": "P2", "host": "mq-1", "extra": 1}""").RootElement);
        var many = mapper.Apply(JsonDocument.Parse("""[{"fingerprint": "x", "message": "m", "status": "resolved"}, {"summary": "s", "severity": "warn"}]""").RootElement);

        var signal = Assert.Single(one.Signals);
        Assert.Equal(("a1", "Queue backed up", "mq-1", AlertSeverity.Error), (signal.DedupKey, signal.Summary, signal.Source, signal.Severity));
        Assert.Contains("\"extra\": 1", signal.CustomDetails!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Equal([AlertAction.Resolve, AlertAction.Trigger], many.Signals.Select(s => s.Action));
        Assert.Null(many.Signals[1].DedupKey);
        Assert.Equal(AlertSeverity.Warning, many.Signals[1].Severity);
    }

    [Fact]
    public void Apply_BadItems_AreAllReportedByItemAndField()
    {
        var result = Apply(s_custom, """
            {"data": {"events": [
              {"check": {"host": "db-1", "name": "disk"}, "title": "ok one"},
              {"check": {"host": "db-1"}, "title": {"nested": true}, "at": "last tuesday"},
              {"check": {"name": "x"}, "state": "INSUFFICIENT_DATA", "title": "t", "tags": ["a"]},
              42
            ]}}
            """);

        Assert.False(result.Ok);
        var errors = result.ErrorsByKey();
        Assert.Equal(["items[1].summary", "items[1].timestamp", "items[2].action", "items[2].labels", "items[3]"], errors.Keys.Order());
        Assert.Contains("'title|check.name' is an object", errors["items[1].summary"][0], StringComparison.Ordinal);
        Assert.Contains("INSUFFICIENT_DATA", errors["items[2].action"][0], StringComparison.Ordinal);
        Assert.Contains("action.map", errors["items[2].action"][0], StringComparison.Ordinal);
        Assert.Single(result.Signals);
    }

    [Theory]
    [InlineData("""{"summary": "s", "action": "resolve"}""", "items[0].dedupKey")]
    [InlineData("""{"id": "k", "action": "trigger"}""", "items[0].summary")]
    [InlineData("""{"id": "k", "summary": "s", "timestamp": true}""", "items[0].timestamp")]
    [InlineData("\"just text\"", "body")]
    public void Apply_DefaultMapping_NamesWhatIsMissing(string json, string key)
    {
        var result = Apply(GenericMapping.Default, json);

        Assert.Equal(key, Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void Apply_AlertsPathMissing_SaysWhere()
    {
        var result = Apply(s_custom, """{"data": {}}""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("alerts", error.Key);
        Assert.Contains("'data.events'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_TooLongDedupKey_IsAnError_LongSummaryIsCut()
    {
        var result = Apply(GenericMapping.Default, $$"""[{"id": "{{new string('k', 256)}}", "summary": "s"}, {"summary": "{{new string('s', 2000)}}"}]""");

        Assert.Equal("items[0].dedupKey", Assert.Single(result.Errors).Key);
        Assert.Equal(PagerDutyEvent.MaxSummary, result.Signals[0].Summary!.Length);
    }

    [Fact]
    public void Apply_ActionDefault_CoversUnknownWords()
    {
        var mapping = GenericMapping.Default with { Action = new GenericValueMap("state", Default: "resolve") };

        var result = Apply(mapping, """{"id": "k", "summary": "s", "state": "GREEN"}""");

        Assert.Equal(AlertAction.Resolve, Assert.Single(result.Signals).Action);
    }

    [Fact]
    public void Apply_Timestamps_IsoAndEpochMilliseconds()
    {
        var result = Apply(GenericMapping.Default, """[{"summary": "a", "time": "2026-01-15T02:10:00+01:00"}, {"summary": "b", "time": 1768443120000}]""");

        Assert.Equal([new DateTimeOffset(2026, 1, 15, 1, 10, 0, TimeSpan.Zero), DateTimeOffset.FromUnixTimeSeconds(1768443120)],
            result.Signals.Select(s => s.Timestamp!.Value));
    }

    [Fact]
    public void Validate_ReportsEveryBadFieldByName()
    {
        var bad = new GenericMapping(
            Alerts: "data..events",
            DedupKey: "{{host",
            Summary: null,
            Severity: new GenericValueMap(null, new() { ["P1"] = "urgent" }, "loud"),
            Action: new GenericValueMap("state", new() { ["x"] = "trigger", ["X"] = "resolve" }, "explode"),
            Labels: new GenericFieldSet("tags[", new() { ["team"] = "" }),
            Links: new GenericFieldSet(Fields: new() { ["Dash"] = "a.b.[0]" }),
            CustomDetails: "details|");

        var (mapper, errors) = GenericMappingValidation.Compile(bad);

        Assert.Null(mapper);
        Assert.Equal(
            ["action.default", "action.map.X", "alerts", "customDetails", "dedupKey", "labels.fields.team", "labels.path", "links.fields.Dash",
             "severity.default", "severity.map.P1", "severity.path", "summary"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'urgent' is not a severity", errors["severity.map.P1"][0], StringComparison.Ordinal);
        Assert.Contains("a name is empty", errors["alerts"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.b.c", """{"a":{"b":{"c":"v"}}}""", "v")]
    [InlineData("items[1].id", """{"items":[{"id":"x"},{"id":"y"}]}""", "y")]
    [InlineData("$.labels['app.kubernetes.io/name']", """{"labels":{"app.kubernetes.io/name":"api"}}""", "api")]
    [InlineData("[0][1]", """[["a","b"]]""", "b")]
    [InlineData("missing|other", """{"missing":null,"other":7}""", "7")]
    [InlineData("a.b", """{"a":"text"}""", null)]
    [InlineData("a[5]", """{"a":[1]}""", null)]
    public void Path_FindsOneValue(string path, string json, string? expected)
    {
        Assert.True(GenericPath.TryParse(path, out var parsed, out var error), error);

        var found = parsed!.Find(JsonDocument.Parse(json).RootElement);

        Assert.Equal(expected, found is { } v ? GenericTemplate.Scalar(v) : null);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData("a[x]")]
    [InlineData("a[0]b")]
    [InlineData("a[1")]
    [InlineData("a|")]
    public void Path_Malformed_IsRefused(string path) => Assert.False(GenericPath.TryParse(path, out _, out _));

    [Fact]
    public void Template_MissingValuesReadEmpty_AllMissingIsNothing()
    {
        Assert.True(GenericTemplate.TryParse("{{a}}-{{b}}", out var template, out _));

        Assert.Equal("x-", template!.Render(JsonDocument.Parse("""{"a":"x"}""").RootElement).Value);
        Assert.Null(template.Render(JsonDocument.Parse("{}").RootElement).Value);
    }

    [Fact]
    public void Sample_IsReadByItsOwnMappingAsOneCriticalTrigger()
    {
        foreach (var mapping in new[] { GenericMapping.Default, s_custom })
        {
            var result = Apply(mapping, GenericMappingSample.Build(mapping));

            var signal = Assert.Single(result.Signals);
            Assert.Equal((AlertAction.Trigger, AlertSeverity.Critical), (signal.Action, signal.Severity));
            Assert.False(string.IsNullOrEmpty(signal.Summary));
            Assert.False(string.IsNullOrEmpty(signal.DedupKey));
        }
    }
}
