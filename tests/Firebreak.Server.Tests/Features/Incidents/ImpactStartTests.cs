using System.Globalization;
using System.Net;
using System.Text.Json;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Incidents;

/// <summary>
/// Alerts say when the problem began (Alertmanager and Grafana <c>startsAt</c>, PagerDuty <c>payload.timestamp</c>), so
/// an incident they open knows its impact start and TTD; responders can correct it in the API (and UI, CLI).
/// </summary>
public abstract class ImpactStartTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private async Task<string> IntegrationAsync(string kind) =>
        (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"{kind}-{Tag()}", kind }).ExpectAsync(HttpStatusCode.Created)).Str("key");

    private async Task<JsonElement> IncidentOfAsync(string dedupOrFingerprint)
    {
        var number = await Server.WithDbAsync(db => Task.FromResult(db.Alerts.Where(a => a.DedupKey == dedupOrFingerprint).Select(a => a.Incident!.Number).Single()));
        return await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnAlertmanagerAlert_OpensItsIncident_WithImpactFromTheEarliestStartsAt()
    {
        var key = await IntegrationAsync("alertmanager");
        var now = Server.Clock.GetUtcNow();
        var (first, second) = ($"{Tag()}-a", $"{Tag()}-b");
        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{key}", new
        {
            version = "4",
            groupKey = $"{{}}:{{alertname=\"Latency{first}\"}}",
            alerts = new[]
            {
                new { status = "firing", labels = new { alertname = $"Latency{first}", severity = "critical" }, fingerprint = first, startsAt = Iso(now.AddMinutes(-4)) },
                new { status = "firing", labels = new { alertname = $"Latency{first}", severity = "critical" }, fingerprint = second, startsAt = Iso(now.AddMinutes(-7)) },
            },
        }).ExpectAsync(HttpStatusCode.OK);

        var incident = await IncidentOfAsync(first);
        Assert.Equal(now.AddMinutes(-7), incident.GetProperty("impactStartedAt").GetDateTimeOffset());
        Assert.Equal(7 * 60, incident.GetProperty("metrics").GetProperty("ttd").GetProperty("seconds").GetDouble());
    }

    [Fact]
    public async Task APagerDutyTimestamp_IsTheImpactStart_AndOneInTheFutureIsIgnored()
    {
        var key = await IntegrationAsync("pagerduty");
        var now = Server.Clock.GetUtcNow();
        var (past, future) = ($"pd-{Tag()}", $"pd-{Tag()}");
        await Server.Anonymous.PostJsonAsync("/v2/enqueue", new
        {
            routing_key = key,
            event_action = "trigger",
            dedup_key = past,
            payload = new { summary = $"queue backlog {past}", source = "h", severity = "error", timestamp = Iso(now.AddMinutes(-12)) },
        }).ExpectAsync(HttpStatusCode.Accepted);
        await Server.Anonymous.PostJsonAsync("/v2/enqueue", new
        {
            routing_key = key,
            event_action = "trigger",
            dedup_key = future,
            payload = new { summary = $"clock skew {future}", source = "h", severity = "error", timestamp = Iso(now.AddHours(3)) },
        }).ExpectAsync(HttpStatusCode.Accepted);

        Assert.Equal(now.AddMinutes(-12), (await IncidentOfAsync(past)).GetProperty("impactStartedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, (await IncidentOfAsync(future)).GetProperty("impactStartedAt").ValueKind);
    }

    [Fact]
    public async Task AResponder_CorrectsTheImpactStart_OnTheTimelineAndAudited_ButNotIntoTheFuture()
    {
        var declared = await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = $"Impact {Tag()}", severity = "SEV-3" })
            .ExpectAsync(HttpStatusCode.Created);
        var slug = declared.Str("slug");
        var now = Server.Clock.GetUtcNow();

        var future = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{slug}/impact-start", new { at = now.AddHours(1) })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(future.GetProperty("errors").TryGetProperty("at", out _));
        await Server.Viewer.PostJsonAsync($"/api/v1/incidents/{slug}/impact-start", new { at = now.AddMinutes(-5) }).ExpectAsync(HttpStatusCode.Forbidden);

        var changed = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{slug}/impact-start", new { at = now.AddMinutes(-25), reason = "the dashboard shows errors from 09:35" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(now.AddMinutes(-25), changed.GetProperty("impactStartedAt").GetDateTimeOffset());
        Assert.Equal(25 * 60, changed.GetProperty("metrics").GetProperty("ttd").GetProperty("seconds").GetDouble());
        Assert.Contains(changed.GetProperty("timeline").EnumerateArray(),
            t => t.Str("text").StartsWith("Impact start set to", StringComparison.Ordinal) && t.Str("text").Contains("09:35", StringComparison.Ordinal));
        var audit = await Server.Admin.GetAsync($"/api/v1/audit?resource=incident/{slug}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(audit.EnumerateArray(), a => a.Str("action") == "incident.impact_start");

        var cleared = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{slug}/impact-start", new { at = (DateTimeOffset?)null }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("impactStartedAt").ValueKind);
    }
}

public sealed class ImpactStartTests_Sqlite(SqliteServerFixture f) : ImpactStartTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ImpactStartTests_Postgres(PostgresServerFixture f) : ImpactStartTests(f), IClassFixture<PostgresServerFixture>;
