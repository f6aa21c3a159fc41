using System.Text.Json;
using Firebreak.Core.Intake;

namespace Firebreak.Core.Tests.Intake;

public sealed class AlertmanagerWebhookTests
{
    private const string Payload = """
        {
          "version": "4", "groupKey": "{}:{alertname=\"HighLatency\"}", "truncatedAlerts": 0, "status": "firing",
          "receiver": "firebreak", "externalURL": "http://am.example:9093", "somethingNew": {"x": 1},
          "alerts": [
            { "status": "firing", "labels": {"alertname": "HighLatency", "instance": "api-1", "severity": "warning", "service": "checkout"},
              "annotations": {"summary": "p99 over 2s on api-1"}, "startsAt": "2026-01-15T02:10:00Z", "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://prom.example/graph?g0.expr=x", "fingerprint": "aa11bb22cc33dd44" },
            { "status": "resolved", "labels": {"alertname": "HighLatency", "instance": "api-2"},
              "annotations": {}, "startsAt": "2026-01-15T02:00:00Z", "endsAt": "2026-01-15T02:09:00Z" }
          ]
        }
        """;

    [Fact]
    public void Parse_Version4_MapsFiringAndResolved()
    {
        var result = AlertmanagerWebhook.Parse(JsonDocument.Parse(Payload).RootElement);

        Assert.True(result.Ok);
        var firing = result.Signals[0];
        Assert.Equal(AlertAction.Trigger, firing.Action);
        Assert.Equal("aa11bb22cc33dd44", firing.DedupKey);
        Assert.Equal("p99 over 2s on api-1", firing.Summary);
        Assert.Equal(AlertSeverity.Warning, firing.Severity);
        Assert.Equal("api-1", firing.Source);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 2, 10, 0, TimeSpan.Zero), firing.Timestamp);
        Assert.Equal("http://prom.example/graph?g0.expr=x", firing.Links![0].Href);

        var resolved = result.Signals[1];
        Assert.Equal(AlertAction.Resolve, resolved.Action);
        Assert.Equal("HighLatency on api-2", resolved.Summary);
        Assert.Equal(AlertmanagerWebhook.Fingerprint(resolved.Labels!), resolved.DedupKey);
        Assert.Equal(AlertSeverity.Error, resolved.Severity);
    }

    [Fact]
    public void Fingerprint_IgnoresLabelOrder()
    {
        var a = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" };
        var b = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" };

        Assert.Equal(AlertmanagerWebhook.Fingerprint(a), AlertmanagerWebhook.Fingerprint(b));
        Assert.NotEqual(AlertmanagerWebhook.Fingerprint(a), AlertmanagerWebhook.Fingerprint(new Dictionary<string, string> { ["a"] = "2", ["b"] = "1" }));
    }

    [Fact]
    public void Fingerprint_IsTheKeyAlreadyStored_ForAnyLabels()
    {
        // Alerts stored by earlier versions are found again by this key: it may never change.
        Assert.Equal("7304076996fa52e6", AlertmanagerWebhook.Fingerprint(new Dictionary<string, string> { ["instance"] = "api-2", ["alertname"] = "HighLatency" }));
        Assert.Equal("70c1c66e1c3d502c", AlertmanagerWebhook.Fingerprint(new Dictionary<string, string> { ["team"] = "Ödön", ["service"] = "zahlungsdienst", ["emoji"] = "🔥" }));

        var random = new Random(7);
        string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)random.Next(1, 0xFFFF))]);
        Dictionary<string, string>[] cases =
        [
            new() { ["a"] = "" },
            new() { ["lone"] = "\ud800", ["pair"] = "\ud83d\udd25", ["B"] = "upper before lower", ["b"] = "x" },
            new() { ["long"] = new string('é', 3_000), ["short"] = "s" },
            .. Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, random.Next(1, 12)).Select(i => (Key: Text(random.Next(1, 20)) + i, Value: Text(random.Next(0, 300))))
                .ToDictionary(p => p.Key, p => p.Value)),
        ];
        foreach (var labels in cases)
        {
            Assert.Equal(AsFirstWritten(labels), AlertmanagerWebhook.Fingerprint(labels));
        }

        static string AsFirstWritten(Dictionary<string, string> labels)
        {
            var canonical = string.Join('\u001f', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}\u001e{l.Value}"));
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)))[..16];
        }
    }

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("{}", "'alerts'")]
    [InlineData("""{"alerts": [1]}""", "alerts[0] is not an object")]
    [InlineData("""{"alerts": [{"status": "firing"}]}""", "alerts[0].labels")]
    public void Parse_Invalid_SaysWhere(string json, string expected)
    {
        var result = AlertmanagerWebhook.Parse(JsonDocument.Parse(json).RootElement);

        Assert.False(result.Ok);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }
}
