using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Analytics;

/// <summary>
/// Analytics against a hand-computed fixture worked through the API on the fake clock, in a service of its own so
/// other classes' incidents stay out: A and B are real SEV-1s, C a SEV-2 nobody acknowledged, D a false positive, E a
/// drill that counts only when asked for.
/// </summary>
public abstract class AnalyticsApiTests(ServerFixture fixture)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private string ServiceKey => $"pay-{_id}";

    [Fact]
    public async Task Report_HandComputedFixture_GivesExactMediansP90sAndCompliance_AndCsv()
    {
        var t0 = Server.Clock.GetUtcNow();
        var query = await WorkTheFixtureAsync(t0);

        var report = await Server.Viewer.GetAsync($"/api/v1/analytics?{query}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(4, report.GetProperty("incidents").GetInt32());
        var overall = report.GetProperty("overall");
        Assert.Equal(3, overall.GetProperty("incidents").GetInt32());
        var times = overall.GetProperty("times");
        Assert.Equal((1, 600d, 600d), Summary(times, "ttd"));
        Assert.Equal((2, 360d, 552d), Summary(times, "tta"));
        Assert.Equal((2, 3300d, 4980d), Summary(times, "ttm"));
        Assert.Equal((2, 5100d, 6780d), Summary(times, "ttr"));

        var severities = report.GetProperty("bySeverity").EnumerateArray().ToList();
        Assert.Equal(["SEV-1", "SEV-2"], severities.Select(g => g.Str("group")));
        Assert.Equal((2, 360d, 552d), Summary(severities[0].GetProperty("times"), "tta"));
        Assert.Equal(0, severities[1].GetProperty("times").GetProperty("tta").GetProperty("count").GetInt32());
        Assert.Equal([ServiceKey], report.GetProperty("byService").EnumerateArray().Select(g => g.Str("group")));
        Assert.Equal([$"team-{_id}"], report.GetProperty("byTeam").EnumerateArray().Select(g => g.Str("group")));

        var compliance = report.GetProperty("compliance");
        Assert.Equal((1, 2, 0), Figure(compliance, "acknowledge"));
        Assert.Equal((1, 1, 1), Figure(compliance, "mitigate"));
        Assert.Equal((1, 2, 0), Figure(compliance, "updateCadence"));
        Assert.Equal((1, 0, 1), Figure(compliance, "reviewOnTime"));

        Assert.Equal(4, report.GetProperty("weeks").EnumerateArray().Sum(w => w.GetProperty("incidents").GetInt32()));
        var falsePositives = report.GetProperty("falsePositives").EnumerateArray()
            .Select(f => (f.Str("severity"), f.GetProperty("incidents").GetInt32(), f.GetProperty("falsePositives").GetInt32())).ToList();
        Assert.Equal([("SEV-1", 3, 1), ("SEV-2", 1, 0)], falsePositives);

        var load = Assert.Single(report.GetProperty("onCall").EnumerateArray());
        Assert.Equal(($"olu{_id}", 2, 1, 1), (load.Str("person"), load.GetProperty("pages").GetInt32(), load.GetProperty("outOfHours").GetInt32(), load.GetProperty("nightsWoken").GetInt32()));
        var items = report.GetProperty("actionItems");
        Assert.Equal((2, 1, 0), (items.GetProperty("opened").GetInt32(), items.GetProperty("closed").GetInt32(), items.GetProperty("overdueNow").GetInt32()));

        var withDrills = await Server.Viewer.GetAsync($"/api/v1/analytics?{query}&include=drills").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(5, withDrills.GetProperty("incidents").GetInt32());

        var csv = await Server.Viewer.GetAsync($"/api/v1/analytics/response-times.csv?{query}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("grouped_by,group,incidents,metric,count,median_seconds,p90_seconds", lines[0]);
        Assert.Contains("all,all,3,tta,2,360,552", lines);
        Assert.Contains("severity,SEV-1,2,ttr,2,5100,6780", lines);
        var complianceCsv = await Server.Viewer.GetStringAsync($"/api/v1/analytics/compliance.csv?{query}");
        Assert.Contains("acknowledge,1,2,0,0.333", complianceCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ObserveEachMilestoneOnce_WhenReached_LeavingDrillsOut()
    {
        var real = await DeclareAsync(new { title = $"Real {_id}", severity = "SEV-3" });
        var drill = await DeclareAsync(new { title = $"Drill {_id}", severity = "SEV-3", isDrill = true });
        Server.Clock.Advance(TimeSpan.FromMinutes(3));
        await AckAsync(real);
        await AckAsync(drill);
        Server.Clock.Advance(TimeSpan.FromMinutes(7));
        await StatusAsync(real, "monitoring");
        Server.Clock.Advance(TimeSpan.FromMinutes(5));
        await ResolveAsync(real, null);
        await ResolveAsync(drill, null);

        var metrics = await Server.Anonymous.GetStringAsync("/metrics");

        Assert.Contains("firebreak_incident_time_to_acknowledge_seconds_sum{severity=\"SEV-3\"} 180\n", metrics, StringComparison.Ordinal);
        Assert.Contains("firebreak_incident_time_to_acknowledge_seconds_count{severity=\"SEV-3\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("firebreak_incident_time_to_mitigate_seconds_sum{severity=\"SEV-3\"} 600\n", metrics, StringComparison.Ordinal);
        Assert.Contains("firebreak_incident_time_to_resolve_seconds_sum{severity=\"SEV-3\"} 900\n", metrics, StringComparison.Ordinal);
        Assert.Contains("firebreak_incident_time_to_resolve_seconds_count{severity=\"SEV-3\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("firebreak_incident_time_to_resolve_seconds_bucket{severity=\"SEV-3\",le=\"900\"} 1\n", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-02-01&to=2026-01-01", "from")]
    [InlineData("from=2024-01-01&to=2026-01-01", "from")]
    [InlineData("include=rehearsals", "include")]
    [InlineData("severity=SEV-9", "severity")]
    [InlineData("service=no-such-service", "service")]
    [InlineData("team=no-such-team", "team")]
    [InlineData("tz=Mars/Olympus", "tz")]
    public async Task BadParameters_AreAProblemNamingThem(string query, string field)
    {
        var problem = await Server.Viewer.GetAsync($"/api/v1/analytics?{query}").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await Server.Viewer.GetAsync($"/api/v1/analytics/weeks.csv?{query}").ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnknownTable_IsANotFoundProblem_AndAnonymousIsRefused()
    {
        await Server.Viewer.GetAsync("/api/v1/analytics/nothing.csv").ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Anonymous.GetAsync("/api/v1/analytics").ExpectAsync(HttpStatusCode.Unauthorized);
    }

    private async Task<string> WorkTheFixtureAsync(DateTimeOffset t0)
    {
        await Server.WithDbAsync(db =>
        {
            db.Services.Add(new Service { Key = ServiceKey, Name = ServiceKey, OwnerTeam = new Team { Key = $"team-{_id}", Name = $"Team {_id}" } });
            return db.SaveChangesAsync();
        });

        var a = await DeclareAsync(new { title = $"A {_id}", severity = "SEV-1", service = ServiceKey, impactStartedAt = t0.AddMinutes(-10) });
        var b = await DeclareAsync(new { title = $"B {_id}", severity = "SEV-1", service = ServiceKey });
        await DeclareAsync(new { title = $"C {_id}", severity = "SEV-2", service = ServiceKey });
        var d = await DeclareAsync(new { title = $"D {_id}", severity = "SEV-1", service = ServiceKey });
        var e = await DeclareAsync(new { title = $"E {_id}", severity = "SEV-1", service = ServiceKey, isDrill = true });

        await AtAsync(t0, 1, () => AckAsync(d), () => AckAsync(e));
        await AtAsync(t0, 2, () => AckAsync(a));
        await AtAsync(t0, 3, () => ResolveAsync(d, "false-positive"));
        await AtAsync(t0, 5, () => ResolveAsync(e, null));
        await AtAsync(t0, 10, () => AckAsync(b));
        await AtAsync(t0, 20, () => StatusAsync(a, "monitoring"));
        await AtAsync(t0, 35, () => Server.Responder.PostJsonAsync($"/api/v1/incidents/{a}/notes", new { text = "Pool resized; watching." }).ExpectAsync(HttpStatusCode.OK));
        await AtAsync(t0, 50, () => ResolveAsync(a, null));
        await AtAsync(t0, 60, () => PublishReviewAsync(a), () => ActionItemAsync(a, "done"), () => ActionItemAsync(a, null));
        await AtAsync(t0, 90, () => StatusAsync(b, "monitoring"));
        await AtAsync(t0, 120, () => ResolveAsync(b, null));
        await PagesAsync(a, t0);
        await AtAsync(t0, 130);

        var from = Uri.EscapeDataString(t0.ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(t0.AddDays(1).ToString("O", CultureInfo.InvariantCulture));
        return $"from={from}&to={to}&service={ServiceKey}";
    }

    private async Task AtAsync(DateTimeOffset t0, int minutes, params Func<Task>[] steps)
    {
        Server.Clock.SetUtcNow(t0.AddMinutes(minutes));
        foreach (var step in steps)
        {
            await step();
        }
    }

    private async Task<int> DeclareAsync(object body) =>
        (await Server.Responder.PostJsonAsync("/api/v1/incidents", body).ExpectAsync(HttpStatusCode.Created)).GetProperty("number").GetInt32();

    private Task<JsonElement> AckAsync(int number) => Server.Responder.PostAsync($"/api/v1/incidents/{number}/acknowledge", null).ExpectAsync(HttpStatusCode.OK);

    private Task<JsonElement> StatusAsync(int number, string status) =>
        Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/status", new { status }).ExpectAsync(HttpStatusCode.OK);

    private Task<JsonElement> ResolveAsync(int number, string? resolution) =>
        Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/resolve", new { resolution }).ExpectAsync(HttpStatusCode.OK);

    private async Task PublishReviewAsync(int number)
    {
        await Server.Responder.PutAsJsonAsync($"/api/v1/incidents/{number}/review", new
        {
            summary = "Checkout failed.",
            proximateCause = "A config push halved the pool.",
            contributingFactors = "No saturation alert.",
            detectionGap = "None.",
            wentWell = "Rollback.",
            couldBeBetter = "Alerting.",
            lessons = "Alert on pools.",
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review/submit", null).ExpectAsync(HttpStatusCode.OK);
        await Server.Admin.PostAsync($"/api/v1/incidents/{number}/review/publish", null).ExpectAsync(HttpStatusCode.OK);
    }

    private async Task ActionItemAsync(int incident, string? status)
    {
        var key = (await Server.Responder.PostJsonAsync("/api/v1/action-items", new { title = $"Follow-up {_id}", incident = $"{incident}" })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        if (status is not null)
        {
            await Server.Responder.PatchJsonAsync($"/api/v1/action-items/{key}", new { status }).ExpectAsync(HttpStatusCode.OK);
        }
    }

    /// <summary>
    /// Pages are written as the pager writes them (no escalation policy is needed for the figures): one page by email
    /// and by webhook counts once, a cancelled one not at all, and one at 03:00 in Lisbon wakes the person.
    /// </summary>
    private async Task PagesAsync(int number, DateTimeOffset t0)
    {
        var username = $"olu{_id}";
        await Server.CreateUserWithTokenAsync(username, Role.Responder);
        var night = new DateTimeOffset(t0.UtcDateTime.Date.AddDays(1).AddHours(3), TimeSpan.Zero);
        var noonMonday = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        await Server.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Username == username);
            user.TimeZone = "Europe/Lisbon";
            var incidentId = await db.Set<Server.Features.Incidents.Incident>().Where(i => i.Number == number).Select(i => i.Id).SingleAsync();
            NotificationDelivery Delivery(string cause, ContactKind channel, DeliveryStatus status, DateTimeOffset at) => new()
            {
                Id = Guid.NewGuid(),
                IncidentId = incidentId,
                UserId = user.Id,
                Username = username,
                Channel = channel,
                Cause = cause,
                Reason = "on call",
                IdempotencyKey = $"{_id}:{cause}:{channel}:{status}",
                Status = status,
                CreatedAt = at,
                DueAt = at,
            };
            db.Set<NotificationDelivery>().AddRange(
                Delivery("step:1:0", ContactKind.Email, DeliveryStatus.Sent, noonMonday),
                Delivery("step:1:0", ContactKind.Webhook, DeliveryStatus.Failed, noonMonday.AddMinutes(1)),
                Delivery("step:1:1", ContactKind.Email, DeliveryStatus.Sent, night),
                Delivery("step:2:0", ContactKind.Email, DeliveryStatus.Cancelled, night));
            return await db.SaveChangesAsync();
        });
    }

    private static (int, double, double) Summary(JsonElement times, string metric)
    {
        var s = times.GetProperty(metric);
        return (s.GetProperty("count").GetInt32(), s.GetProperty("medianSeconds").GetDouble(), s.GetProperty("p90Seconds").GetDouble());
    }

    private static (int, int, int) Figure(JsonElement compliance, string target)
    {
        var f = compliance.GetProperty(target);
        return (f.GetProperty("met").GetInt32(), f.GetProperty("missed").GetInt32(), f.GetProperty("pending").GetInt32());
    }
}

public sealed class AnalyticsApiTests_Sqlite(SqliteServerFixture f) : AnalyticsApiTests(f), IClassFixture<SqliteServerFixture>;

public sealed class AnalyticsApiTests_Postgres(PostgresServerFixture f) : AnalyticsApiTests(f), IClassFixture<PostgresServerFixture>;
