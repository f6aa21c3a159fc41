using System.Text.Json;
using Firebreak.Core.Intake;
using Firebreak.Core.Severity;

namespace Firebreak.Core.Tests.Intake;

public sealed class PagerDutyEventTests
{
    [Fact]
    public void Parse_FullTrigger_KeepsEveryField()
    {
        var json = """
            {"routing_key":"k","event_action":"trigger","dedup_key":"d","client":"Mon","client_url":"http://mon",
             "payload":{"summary":"s","source":"h","severity":"error","timestamp":"2026-01-15T02:12:00+01:00","component":"db","group":"prod","class":"disk",
                        "custom_details":{"a":[1,2]}},
             "links":[{"href":"http://l","text":"L"}],"images":[{"src":"http://i.png","alt":"graph"}]}
            """;

        var result = PagerDutyEvent.Parse(JsonDocument.Parse(json).RootElement);

        Assert.True(result.Ok, string.Join("; ", result.Errors));
        var s = result.Signal!;
        Assert.Equal(("k", AlertAction.Trigger, "d", AlertSeverity.Error), (result.RoutingKey, s.Action, s.DedupKey, s.Severity));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 1, 12, 0, TimeSpan.Zero), s.Timestamp);
        Assert.Equal(("db", "prod", "disk", "Mon", "http://mon"), (s.Component, s.Group, s.Class, s.Client, s.ClientUrl));
        Assert.Equal("[1,2]", s.CustomDetails!.Value.GetProperty("a").GetRawText());
        Assert.Equal("http://i.png", s.Images![0].Src);
    }

    [Fact]
    public void Parse_ManyProblems_ReportsAllOfThem()
    {
        var result = PagerDutyEvent.Parse(JsonDocument.Parse("""{"event_action":"trigger","payload":{"severity":"bad"}}""").RootElement);

        Assert.Equal(4, result.Errors.Count);
    }

    [Theory]
    [InlineData(AlertSeverity.Critical, "SEV-1")]
    [InlineData(AlertSeverity.Error, "SEV-2")]
    [InlineData(AlertSeverity.Warning, "SEV-3")]
    [InlineData(AlertSeverity.Info, "SEV-4")]
    public void MapSeverity_FollowsSchemeOrder(AlertSeverity severity, string expected) =>
        Assert.Equal(expected, AlertRouting.MapSeverity(SeverityPresets.Sev, severity).Key);

    [Fact]
    public void MapSeverity_ShortScheme_ClampsToLeastSevere()
    {
        var two = new SeverityScheme("two", [.. SeverityPresets.P.Levels.Take(2)]);

        Assert.Equal("P1", AlertRouting.MapSeverity(two, AlertSeverity.Info).Key);
    }

    [Fact]
    public void GroupKey_UsesServiceAndChosenLabels()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "Down", ["instance"] = "a" };

        Assert.Equal("api|alertname=Down", AlertRouting.GroupKey("api", ["alertname"], labels, "k1"));
        Assert.Equal("-|dedup_key=k1", AlertRouting.GroupKey(null, ["dedup_key"], labels, "k1"));
        Assert.Equal("api|alertname=Down|zone=", AlertRouting.GroupKey("api", ["alertname", "zone"], labels, "k1"));
    }
}
