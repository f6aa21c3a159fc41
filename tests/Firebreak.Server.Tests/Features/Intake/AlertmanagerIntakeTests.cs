using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>Alertmanager and Grafana webhooks, and a real Alertmanager delivering to Firebreak; once per provider.</summary>
public abstract class AlertmanagerIntakeTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private async Task<JsonElement> NewIntegrationAsync(string kind) =>
        await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"{kind}-{Guid.NewGuid():N}", kind }).ExpectAsync(HttpStatusCode.Created);

    private static object Webhook(string status, params (string Name, string Instance, string Fingerprint)[] alerts) => new
    {
        version = "4",
        status,
        receiver = "firebreak",
        externalURL = "http://am.local",
        alerts = alerts.Select(a => new
        {
            status,
            labels = new Dictionary<string, string> { ["alertname"] = a.Name, ["instance"] = a.Instance, ["severity"] = "critical" },
            annotations = new Dictionary<string, string> { ["summary"] = $"{a.Name} on {a.Instance}" },
            startsAt = "2026-01-15T02:00:00Z",
            fingerprint = a.Fingerprint,
        }),
    };

    [Fact]
    public async Task Webhook_GroupsByAlertname_AndResolvesIncidentWhenAllResolve()
    {
        var integration = await NewIntegrationAsync("alertmanager");
        var path = $"/integrations/alertmanager/{integration.Str("key")}";

        await Server.Anonymous.PostJsonAsync(path, Webhook("firing", ("Down", "a", "f-a"), ("Down", "b", "f-b"), ("Slow", "a", "f-s")))
            .ExpectAsync(HttpStatusCode.OK);

        var alerts = await Server.WithDbAsync(db => db.Alerts.Where(a => a.IntegrationId == integration.GetProperty("id").GetInt64()).ToListAsync());
        Assert.Equal(3, alerts.Count);
        var downIncident = alerts.Single(a => a.DedupKey == "f-a").IncidentId;
        Assert.Equal(downIncident, alerts.Single(a => a.DedupKey == "f-b").IncidentId);
        Assert.NotEqual(downIncident, alerts.Single(a => a.DedupKey == "f-s").IncidentId);

        await Server.Anonymous.PostJsonAsync(path, Webhook("resolved", ("Down", "a", "f-a"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(IncidentStatus.Triggered, await StatusAsync(downIncident!.Value));

        await Server.Anonymous.PostJsonAsync(path, Webhook("resolved", ("Down", "b", "f-b"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(IncidentStatus.Resolved, await StatusAsync(downIncident.Value));
        var kinds = await Server.WithDbAsync(db => db.TimelineEntries.Where(t => t.IncidentId == downIncident).OrderBy(t => t.Id).Select(t => t.Kind).ToListAsync());
        // Resolving opens the severity's review draft, which the timeline says last.
        Assert.Equal(["declared", "alert_joined", "alert_resolved", "alert_resolved", "status_changed", "review"], kinds);
    }

    [Fact]
    public async Task Webhook_OfMoreAlertsThanOneInsertRoundTrip_StoresEachWithItsOwnLabelsAndEvent()
    {
        // PostgreSQL inserts new alerts 500 to a statement, each key read back in order: 1,201 spans three of them.
        var integration = await NewIntegrationAsync("alertmanager");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var sent = Enumerable.Range(0, 1201).Select(n => ("Storm", $"host-{n}", $"{tag}-{n}")).ToArray();
        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{integration.Str("key")}", Webhook("firing", sent)).ExpectAsync(HttpStatusCode.OK);

        var integrationId = integration.GetProperty("id").GetInt64();
        var alerts = await Server.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.IntegrationId == integrationId).ToListAsync());
        Assert.Equal(1201, alerts.Count);
        Assert.All(alerts, a => Assert.Equal($"host-{a.DedupKey[(tag.Length + 1)..]}", a.Labels["instance"]));
        Assert.All(alerts, a => Assert.Equal($"Storm on {a.Labels["instance"]}", a.Summary));
        Assert.Single(alerts.Select(a => a.IncidentId).Distinct());
        // Each event belongs to the alert it was written for: a key read back out of order would cross them.
        var byId = alerts.ToDictionary(a => a.Id);
        var events = await Server.WithDbAsync(db => db.AlertEvents.AsNoTracking().Where(e => byId.Keys.Contains(e.AlertId)).ToListAsync());
        Assert.Equal(byId.Keys.Order(), events.Select(e => e.AlertId).Order());
        Assert.All(events, e => Assert.Equal($"Storm on {byId[e.AlertId].Labels["instance"]}", e.Summary));
    }

    [Fact]
    public async Task Webhook_SameBatchTriggerAndResolve_LeavesNothingOpen()
    {
        var integration = await NewIntegrationAsync("grafana");
        var path = $"/integrations/grafana/{integration.Str("key")}";
        var body = new
        {
            alerts = new object[]
            {
                new { status = "firing", labels = new { alertname = "Flap", grafana_folder = "x" }, fingerprint = "flap-1", dashboardURL = "http://g/d" },
                new { status = "resolved", labels = new { alertname = "Flap", grafana_folder = "x" }, fingerprint = "flap-1" },
            },
        };

        await Server.Anonymous.PostJsonAsync(path, body).ExpectAsync(HttpStatusCode.OK);

        var alert = await Server.WithDbAsync(db => db.Alerts.Include(a => a.Incident).SingleAsync(a => a.DedupKey == "flap-1"));
        Assert.Equal(AlertStatus.Resolved, alert.Status);
        Assert.Equal(IncidentStatus.Resolved, alert.Incident!.Status);
        Assert.Contains("http://g/d", alert.LinksJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_UnknownKey404_BadBody400_NothingStored()
    {
        var integration = await NewIntegrationAsync("alertmanager");
        var before = await Server.WithDbAsync(db => db.Alerts.CountAsync());

        await Server.Anonymous.PostJsonAsync("/integrations/alertmanager/nope", Webhook("firing", ("X", "y", "z"))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Anonymous.PostRawAsync($"/integrations/alertmanager/{integration.Str("key")}", "{\"alerts\": [{\"status\": \"firing\"}]}")
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Anonymous.PostRawAsync($"/integrations/alertmanager/{integration.Str("key")}", "{oops").ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, await Server.WithDbAsync(db => db.Alerts.CountAsync()));
    }

    [Fact]
    public async Task IntakeRoutes_AreAnsweredStraightAfterRouting_AndKeepTheirHeaders()
    {
        // The key is the credential: sign-in, authorization, antiforgery and the per-route HTTP metrics are skipped.
        // (ShortCircuit()'s marker type is internal to ASP.NET Core, hence its name.)
        var endpoints = Server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var pattern in new[] { "/v2/enqueue", "/v2/change/enqueue", "/integrations/alertmanager/{key}", "/integrations/grafana/{key}", "/integrations/generic/{key}" })
        {
            Assert.Contains(endpoints.Single(e => e.RoutePattern.RawText == pattern).Metadata, m => m.GetType().Name == "ShortCircuitMetadata");
        }

        // A sender's stale credentials change nothing, and the answers carry the headers every answer has.
        var integration = await NewIntegrationAsync("alertmanager");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/integrations/alertmanager/{integration.Str("key")}")
        {
            Content = JsonContent.Create(Webhook("firing", ("Short", "a", $"f-{Guid.NewGuid():N}"))),
        };
        request.Headers.Authorization = new("Bearer", "not-a-token");
        using var response = await Server.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        using var unknown = await Server.Anonymous.PostJsonAsync("/integrations/alertmanager/nope", Webhook("firing", ("X", "y", "z")));
        Assert.Equal("nosniff", Assert.Single(unknown.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task RealAlertmanager_WebhookAndPagerDutyReceivers_OpenGroupAndResolveIncidents()
    {
        var webhook = await NewIntegrationAsync("alertmanager");
        var pagerduty = await NewIntegrationAsync("pagerduty");
        var firebreak = Server.BaseAddress.ToString().TrimEnd('/');
        var config = $"""
            route:
              receiver: both
              group_by: ['alertname']
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: both
                webhook_configs:
                  - url: {firebreak}/integrations/alertmanager/{webhook.Str("key")}
                    send_resolved: true
                pagerduty_configs:
                  - routing_key: {pagerduty.Str("key")}
                    url: {firebreak}/v2/enqueue
                    send_resolved: true
            """;
        await using var am = await RealAlertmanager.StartAsync(config);
        using var client = new HttpClient { BaseAddress = am.Url, Timeout = TimeSpan.FromSeconds(10) };
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        object Alert(string instance, DateTimeOffset? endsAt) => new
        {
            labels = new Dictionary<string, string> { ["alertname"] = "DiskFull", ["instance"] = instance, ["severity"] = "warning" },
            annotations = new Dictionary<string, string> { ["summary"] = $"Disk full on {instance}" },
            startsAt,
            endsAt,
        };

        await client.PostJsonAsync("/api/v2/alerts", new[] { Alert("db-1", null), Alert("db-2", null) }).ExpectAsync(HttpStatusCode.OK);

        var webhookId = webhook.GetProperty("id").GetInt64();
        var pagerdutyId = pagerduty.GetProperty("id").GetInt64();
        var fired = await Eventually.WaitForAsync(
            () => Server.WithDbAsync(db => db.Alerts.Where(a => a.IntegrationId == webhookId || a.IntegrationId == pagerdutyId).ToListAsync()),
            list => list.Count(a => a.IntegrationId == webhookId) == 2 && list.Any(a => a.IntegrationId == pagerdutyId),
            TimeSpan.FromSeconds(30), "alerts from Alertmanager");
        var viaWebhook = fired.Where(a => a.IntegrationId == webhookId).ToList();
        Assert.Single(viaWebhook.Select(a => a.IncidentId).Distinct());
        Assert.All(viaWebhook, a => Assert.Equal("SEV-3", a.SeverityKey));

        await client.PostJsonAsync("/api/v2/alerts", new[] { Alert("db-1", DateTimeOffset.UtcNow.AddSeconds(-1)), Alert("db-2", DateTimeOffset.UtcNow.AddSeconds(-1)) })
            .ExpectAsync(HttpStatusCode.OK);

        var incidentIds = fired.Select(a => a.IncidentId!.Value).Distinct().ToList();
        await Eventually.WaitForAsync(
            () => Server.WithDbAsync(db => db.Incidents.Where(i => incidentIds.Contains(i.Id)).Select(i => i.Status).ToListAsync()),
            statuses => statuses.All(s => s == IncidentStatus.Resolved),
            TimeSpan.FromSeconds(30), "incidents resolved through Alertmanager");
    }

    private Task<IncidentStatus> StatusAsync(long incidentId) =>
        Server.WithDbAsync(db => db.Incidents.Where(i => i.Id == incidentId).Select(i => i.Status).SingleAsync());
}

public sealed class AlertmanagerIntakeTests_Sqlite(SqliteServerFixture f) : AlertmanagerIntakeTests(f), IClassFixture<SqliteServerFixture>;

public sealed class AlertmanagerIntakeTests_Postgres(PostgresServerFixture f) : AlertmanagerIntakeTests(f), IClassFixture<PostgresServerFixture>;
