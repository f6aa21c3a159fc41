using System.Net;
using System.Text.Json;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>PagerDuty Events API v2 semantics on /v2/enqueue; once per database provider.</summary>
public abstract class PagerDutyIntakeTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private async Task<string> NewIntegrationAsync(string kind = "pagerduty", object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = $"{kind}-{Guid.NewGuid():N}", ["kind"] = kind };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }

        var created = await Server.Admin.PostJsonAsync("/api/v1/integrations", body).ExpectAsync(HttpStatusCode.Created);
        return created.Str("key");
    }

    private static object Trigger(string key, string? dedup = null, string summary = "Disk full on db-1", string severity = "critical") => new
    {
        routing_key = key,
        event_action = "trigger",
        dedup_key = dedup,
        payload = new { summary, source = "db-1", severity, custom_details = new { free = "0%" } },
        links = new[] { new { href = "https://grafana.example/d/1", text = "Dashboard" } },
    };

    private Task<JsonElement> EnqueueAsync(object body, HttpStatusCode expected = HttpStatusCode.Accepted) =>
        Server.Anonymous.PostJsonAsync("/v2/enqueue", body).ExpectAsync(expected);

    private Task<int> AlertCountAsync() => Server.WithDbAsync(db => db.Alerts.CountAsync());

    [Fact]
    public async Task Trigger_ReturnsPagerDutyBodyAndOpensIncident()
    {
        var key = await NewIntegrationAsync();

        var response = await EnqueueAsync(Trigger(key, "disk-db-1"));

        Assert.Equal("success", response.Str("status"));
        Assert.Equal("Event processed", response.Str("message"));
        Assert.Equal("disk-db-1", response.Str("dedup_key"));
        var alert = await Server.WithDbAsync(db => db.Alerts.Include(a => a.Incident).Include(a => a.Events).SingleAsync(a => a.DedupKey == "disk-db-1"));
        Assert.Equal(AlertStatus.Triggered, alert.Status);
        Assert.Equal("SEV-1", alert.SeverityKey);
        Assert.Contains("0%", alert.DetailsJson, StringComparison.Ordinal);
        Assert.Contains("grafana.example", alert.LinksJson, StringComparison.Ordinal);
        Assert.Equal("Disk full on db-1", alert.Incident!.Title);
        Assert.Equal("SEV-1", alert.Incident.SeverityKey);
        var timeline = await Server.Viewer.GetAsync($"/api/v1/incidents/{alert.Incident.Slug}/timeline").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("alert via", timeline[0].Str("text"), StringComparison.Ordinal);
        Assert.StartsWith("integration:", timeline[0].Str("actor"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trigger_WithoutDedupKey_GeneratesAndReturnsOne()
    {
        var key = await NewIntegrationAsync();

        var response = await EnqueueAsync(Trigger(key));

        var dedup = response.Str("dedup_key");
        Assert.Equal(32, dedup.Length);
        Assert.True(await Server.WithDbAsync(db => db.Alerts.AnyAsync(a => a.DedupKey == dedup)));
    }

    [Fact]
    public async Task Trigger_OnOpenKey_AppendsToSameAlertAndIncident()
    {
        var key = await NewIntegrationAsync();
        await EnqueueAsync(Trigger(key, "cpu"));
        Server.Clock.Advance(TimeSpan.FromMinutes(1));

        await EnqueueAsync(Trigger(key, "cpu", "CPU still high"));

        var alerts = await Server.WithDbAsync(db => db.Alerts.Include(a => a.Events).Where(a => a.DedupKey == "cpu" && a.Integration!.Key == key).ToListAsync());
        var alert = Assert.Single(alerts);
        Assert.Equal(2, alert.Occurrences);
        Assert.Equal(["created", "appended"], alert.Events.OrderBy(e => e.Id).Select(e => e.Outcome));
        Assert.Equal("CPU still high", alert.Summary);
    }

    [Fact]
    public async Task AcknowledgeThenResolve_MovesAlertAndIncident_ThenTriggerOpensNewAlert()
    {
        var key = await NewIntegrationAsync();
        await EnqueueAsync(Trigger(key, "mem"));

        await EnqueueAsync(new { routing_key = key, event_action = "acknowledge", dedup_key = "mem" });
        var acked = await Server.WithDbAsync(db => db.Alerts.Include(a => a.Incident).SingleAsync(a => a.DedupKey == "mem" && a.Integration!.Key == key));
        Assert.Equal(AlertStatus.Acknowledged, acked.Status);
        Assert.Equal(Core.Incidents.IncidentStatus.Investigating, acked.Incident!.Status);

        await EnqueueAsync(new { routing_key = key, event_action = "resolve", dedup_key = "mem" });
        var resolved = await Server.WithDbAsync(db => db.Alerts.Include(a => a.Incident).SingleAsync(a => a.DedupKey == "mem" && a.Integration!.Key == key));
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Equal(Core.Incidents.IncidentStatus.Resolved, resolved.Incident!.Status);
        var kinds = (await Server.Viewer.GetAsync($"/api/v1/incidents/{resolved.Incident.Slug}/timeline").ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray().Select(t => t.Str("kind")).ToList();
        // Resolving opens the severity's review draft, which the timeline says last.
        Assert.Equal(["declared", "status_changed", "alert_resolved", "status_changed", "review"], kinds);

        await EnqueueAsync(Trigger(key, "mem"));
        var all = await Server.WithDbAsync(db => db.Alerts.Where(a => a.DedupKey == "mem" && a.Integration!.Key == key).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(2, all.Count);
        Assert.NotEqual(all[0].IncidentId, all[1].IncidentId);
    }

    [Theory]
    [InlineData("acknowledge")]
    [InlineData("resolve")]
    public async Task AckOrResolve_UnknownKey_IsAcceptedAndIgnored(string action)
    {
        var key = await NewIntegrationAsync();
        var before = await AlertCountAsync();

        var response = await EnqueueAsync(new { routing_key = key, event_action = action, dedup_key = "never-seen" });

        Assert.Equal("never-seen", response.Str("dedup_key"));
        Assert.Equal(before, await AlertCountAsync());
    }

    [Fact]
    public async Task DedupKeys_AreScopedToTheirIntegration()
    {
        var a = await NewIntegrationAsync();
        var b = await NewIntegrationAsync();

        await EnqueueAsync(Trigger(a, "shared-key"));
        await EnqueueAsync(Trigger(b, "shared-key"));

        Assert.Equal(2, await Server.WithDbAsync(db => db.Alerts.CountAsync(x => x.DedupKey == "shared-key")));
    }

    public static TheoryData<string, string> InvalidEvents => new()
    {
        { """{"event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"}}""", "routing_key" },
        { """{"routing_key":"KEY","event_action":"explode","payload":{"summary":"s","source":"h","severity":"info"}}""", "event_action" },
        { """{"routing_key":"KEY","event_action":"trigger","payload":{"source":"h","severity":"info"}}""", "payload.summary" },
        { """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","severity":"info"}}""", "payload.source" },
        { """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h"}}""", "payload.severity" },
        { """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"fatal"}}""", "payload.severity" },
        { """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info","timestamp":"yesterday"}}""", "payload.timestamp" },
        { """{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"SUMMARY","source":"h","severity":"info"}}""", "payload.summary" },
        { """{"routing_key":"KEY","event_action":"trigger","dedup_key":"DEDUP","payload":{"summary":"s","source":"h","severity":"info"}}""", "dedup_key" },
        { """{"routing_key":"KEY","event_action":"resolve"}""", "dedup_key" },
        { """{"routing_key":"0000000000000000000000000000dead","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"}}""", "routing_key" },
        { "this is not json", "not valid JSON" },
        { "[1,2,3]", "JSON object" },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task InvalidEvent_Is400InPagerDutyShape_AndStoresNothing(string template, string mentions)
    {
        var key = await NewIntegrationAsync();
        var body = template.Replace("KEY", key, StringComparison.Ordinal)
            .Replace("SUMMARY", new string('s', 1025), StringComparison.Ordinal)
            .Replace("DEDUP", new string('d', 256), StringComparison.Ordinal);
        var alerts = await AlertCountAsync();
        var incidents = await Server.WithDbAsync(db => db.Incidents.CountAsync());

        var response = await Server.Anonymous.PostOversizeAsync("/v2/enqueue", body).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("invalid event", response.Str("status"));
        Assert.Contains(response.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains(mentions, StringComparison.Ordinal));
        Assert.Equal(alerts, await AlertCountAsync());
        Assert.Equal(incidents, await Server.WithDbAsync(db => db.Incidents.CountAsync()));
    }

    [Fact]
    public async Task OversizeEvent_Is400AndStoresNothing()
    {
        var key = await NewIntegrationAsync();
        var before = await AlertCountAsync();
        var body = JsonSerializer.Serialize(new
        {
            routing_key = key,
            event_action = "trigger",
            payload = new { summary = "big", source = "h", severity = "info", custom_details = new { blob = new string('x', 600 * 1024) } },
        });

        var response = await Server.Anonymous.PostOversizeAsync("/v2/enqueue", body).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("512 KB", response.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await AlertCountAsync());
    }

    [Fact]
    public async Task FiftyParallelIdenticalTriggers_MakeOneAlertAndOneIncident()
    {
        var key = await NewIntegrationAsync();
        using var clients = new DisposableList<HttpClient>(Enumerable.Range(0, 10).Select(_ => Server.Client()));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            clients[i % clients.Count].PostJsonAsync("/v2/enqueue", Trigger(key, "storm")).ExpectAsync(HttpStatusCode.Accepted)));

        var alert = await Server.WithDbAsync(db => db.Alerts.SingleAsync(a => a.DedupKey == "storm" && a.Integration!.Key == key));
        Assert.Equal(50, alert.Occurrences);
        using var metrics = await Server.Anonymous.GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Matches("firebreak_intake_events_total\\{integration=\"pagerduty-[0-9a-f]+\",outcome=\"appended\"\\} 49", text);
        Assert.Contains("firebreak_intake_duration_seconds_bucket{endpoint=\"pagerduty\"", text, StringComparison.Ordinal);
        Assert.Contains("firebreak_alerts_open ", text, StringComparison.Ordinal);
        Assert.Equal(1, await Server.WithDbAsync(db => db.Incidents.CountAsync(i => i.Id == alert.IncidentId)));
        Assert.Equal(1, await Server.WithDbAsync(db => db.Alerts.Where(a => a.Integration!.Key == key).Select(a => a.IncidentId).Distinct().CountAsync()));
    }

    [Fact]
    public async Task RateLimitedIntegration_Gets429WithRetryAfter_AndKeepsWhatWasAccepted()
    {
        var key = await NewIntegrationAsync(extra: new { ratePerMinute = 3 });

        for (var i = 0; i < 3; i++)
        {
            await EnqueueAsync(Trigger(key, $"rl-{i}"));
        }

        using var throttled = await Server.Anonymous.PostJsonAsync("/v2/enqueue", Trigger(key, "rl-3"));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Equal("throttle event", (await throttled.ReadJsonAsync()).Str("status"));
        Assert.Equal(3, await Server.WithDbAsync(db => db.Alerts.CountAsync(a => a.Integration!.Key == key)));
    }

    [Fact]
    public async Task SendTestEvent_OpensAnIncidentThroughTheRealPath()
    {
        var created = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"test-{Guid.NewGuid():N}", kind = "alertmanager" })
            .ExpectAsync(HttpStatusCode.Created);

        var result = await Server.Admin.PostAsync($"/api/v1/integrations/{created.GetProperty("id").GetInt64()}/test", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("created", result.Str("outcome"));
        var incident = await Server.Viewer.GetAsync($"/api/v1/incidents/{result.GetProperty("incidentNumber").GetInt32()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("Test event from Firebreak, sent by adam", incident.Str("title"), StringComparison.Ordinal);
        Assert.Equal("SEV-4", incident.Str("severity"));
        await Server.Admin.PostAsync("/api/v1/integrations/999999/test", null).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Integrations_AreAdminOnly_AndShowSnippets()
    {
        await Server.Responder.PostJsonAsync("/api/v1/integrations", new { name = "x", kind = "pagerduty" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var bad = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = "", kind = "nagios" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("kind", out _));

        var am = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = "prod am", kind = "alertmanager" }).ExpectAsync(HttpStatusCode.Created);
        var snippets = am.GetProperty("snippets");
        Assert.Contains($"/integrations/alertmanager/{am.Str("key")}", snippets.Str("alertmanagerWebhook"), StringComparison.Ordinal);
        Assert.Contains("pagerduty_configs", snippets.Str("alertmanagerPagerDuty"), StringComparison.Ordinal);
        Assert.Equal(["alertname"], am.GetProperty("groupBy").EnumerateArray().Select(g => g.GetString()));
    }
}

public sealed class PagerDutyIntakeTests_Sqlite(SqliteServerFixture f) : PagerDutyIntakeTests(f), IClassFixture<SqliteServerFixture>;

public sealed class PagerDutyIntakeTests_Postgres(PostgresServerFixture f) : PagerDutyIntakeTests(f), IClassFixture<PostgresServerFixture>;
