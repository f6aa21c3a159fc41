using System.Net;
using System.Text.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>The generic JSON endpoint and its field mapping; once per database provider.</summary>
public abstract class GenericIntakeTests(ServerFixture fixture)
{
    private static readonly object s_customMapping = new
    {
        alerts = "data.events",
        dedupKey = "{{check.host}}/{{check.name}}",
        summary = "title",
        source = "check.host",
        severity = new { path = "priority", map = new Dictionary<string, string> { ["P1"] = "critical", ["P4"] = "info" }, @default = "warning" },
        action = new { path = "state", map = new Dictionary<string, string> { ["ALARM"] = "trigger", ["OK"] = "resolve" } },
        labels = new { path = "tags", fields = new Dictionary<string, string> { ["team"] = "owner.team" } },
        links = new { fields = new Dictionary<string, string> { ["Dashboard"] = "https://grafana.example/d/{{check.name}}" } },
        customDetails = "details",
    };

    private RunningServer Server => fixture.Server;

    private async Task<(long Id, string Key)> NewGenericAsync(object? mapping = null, int? ratePerMinute = null)
    {
        var created = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"generic-{Guid.NewGuid():N}", kind = "generic", ratePerMinute })
            .ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        if (mapping is not null)
        {
            await PutMappingAsync(id, mapping).ExpectAsync(HttpStatusCode.OK);
        }

        return (id, created.Str("key"));
    }

    private Task<HttpResponseMessage> PutMappingAsync(long id, object mapping, HttpClient? client = null) =>
        (client ?? Server.Admin).PutAsync($"/api/v1/integrations/{id}/mapping", JsonContent(mapping));

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, HttpTesting.Json), System.Text.Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> SendAsync(string key, object body) => Server.Anonymous.PostJsonAsync($"/integrations/generic/{key}", body);

    private static object Event(string host, string name, string state = "ALARM", string? title = "Disk full", string priority = "P1") => new
    {
        title,
        check = new { host, name },
        priority,
        state,
        tags = new { env = "prod" },
        owner = new { team = "storage" },
        details = new { free = "0%" },
    };

    private static List<(string Key, string Outcome)> Outcomes(JsonElement response) =>
        [.. response.GetProperty("alerts").EnumerateArray().Select(a => (a.Str("dedupKey"), a.Str("outcome")))];

    [Fact]
    public async Task DefaultMapping_ObjectThenArray_OpensAppendsAndResolves_AnsweringPerAlert()
    {
        var (_, key) = await NewGenericAsync();

        var first = await SendAsync(key, new { id = "q-backlog", title = "Queue backed up", severity = "critical", host = "mq-1", depth = 9000 })
            .ExpectAsync(HttpStatusCode.OK);
        var second = await SendAsync(key, new object[]
        {
            new { id = "q-backlog", title = "Queue still backed up" },
            new { id = "q-backlog", status = "resolved" },
        }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([("q-backlog", "created")], Outcomes(first));
        Assert.Equal([("q-backlog", "appended"), ("q-backlog", "resolved")], Outcomes(second));
        var alert = await Server.WithDbAsync(db => db.Alerts.Include(a => a.Incident).SingleAsync(a => a.DedupKey == "q-backlog" && a.Integration!.Key == key));
        Assert.Equal(("mq-1", "critical", "SEV-1"), (alert.Source, alert.Severity, alert.SeverityKey));
        Assert.Contains("\"depth\":9000", alert.DetailsJson!.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(Firebreak.Server.Features.Intake.AlertStatus.Resolved, alert.Status);
    }

    [Fact]
    public async Task CustomMapping_ReadsAlertsAtItsPath_WithTemplatesValueMapsLabelsAndLinks()
    {
        var (id, key) = await NewGenericAsync(s_customMapping);

        var response = await SendAsync(key, new { data = new { events = new[] { Event("db-1", "disk"), Event("db-2", "cpu", priority: "P9", title: "CPU hot") } } })
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([("db-1/disk", "created"), ("db-2/cpu", "created")], Outcomes(response));
        var alerts = await Server.WithDbAsync(db => db.Alerts.Where(a => a.IntegrationId == id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["critical", "warning"], alerts.Select(a => a.Severity));
        Assert.Equal(new Dictionary<string, string> { ["env"] = "prod", ["team"] = "storage" }, alerts[0].Labels);
        Assert.Contains("https://grafana.example/d/disk", alerts[0].LinksJson, StringComparison.Ordinal);
        Assert.Equal("""{"free":"0%"}""", alerts[0].DetailsJson!.Replace(" ", "", StringComparison.Ordinal));

        var saved = await Server.Admin.GetAsync($"/api/v1/integrations/{id}/mapping").ExpectAsync(HttpStatusCode.OK);
        Assert.False(saved.GetProperty("isDefault").GetBoolean());
        Assert.Equal("{{check.host}}/{{check.name}}", saved.GetProperty("mapping").Str("dedupKey"));
        var name = await Server.WithDbAsync(db => db.Integrations.Where(i => i.Id == id).Select(i => i.Name).SingleAsync());
        var audit = await Server.WithDbAsync(db => db.AuditEvents.SingleAsync(a => a.Action == "integration.mapping" && a.Resource == $"integration/{name}"));
        Assert.Contains("{{check.host}}", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyBadItem_Is400NamingEachItemAndField_AndNothingIsStored()
    {
        var (id, key) = await NewGenericAsync(s_customMapping);

        var problem = await SendAsync(key, new
        {
            data = new { events = new object[] { Event("db-1", "disk"), Event("db-2", "cpu", title: null), Event("db-3", "mem", state: "INSUFFICIENT_DATA"), "nope" } },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["items[1].summary", "items[2].action", "items[3]"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains("INSUFFICIENT_DATA", errors.GetProperty("items[2].action")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await Server.WithDbAsync(db => db.Alerts.CountAsync(a => a.IntegrationId == id)));
    }

    [Fact]
    public async Task UnknownKey_OtherKindsKey_AndBadJson_AreProblems()
    {
        var (_, key) = await NewGenericAsync();
        var pagerDuty = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"pd-{Guid.NewGuid():N}", kind = "pagerduty" }).ExpectAsync(HttpStatusCode.Created);

        await SendAsync("0123456789abcdef0123456789abcdef", new { title = "x" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await SendAsync(pagerDuty.Str("key"), new { title = "x" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        var bad = await Server.Anonymous.PostRawAsync($"/integrations/generic/{key}", "{\"title\": ").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", bad.Str("detail"), StringComparison.Ordinal);
        var wrongPath = await SendAsync(key, new[] { 1, 2 }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(wrongPath.GetProperty("errors").TryGetProperty("items[0]", out _));
    }

    [Fact]
    public async Task RateLimit_Throttles_WithRetryAfter_AndCountsMetrics()
    {
        var (id, key) = await NewGenericAsync(ratePerMinute: 2);

        await SendAsync(key, new[] { new { id = "r-1", title = "one" }, new { id = "r-2", title = "two" } }).ExpectAsync(HttpStatusCode.OK);
        using var throttled = await SendAsync(key, new { id = "r-3", title = "three" });

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Equal(2, await Server.WithDbAsync(db => db.Alerts.CountAsync(a => a.IntegrationId == id)));
        using var metrics = await Server.Anonymous.GetAsync("/metrics");
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("firebreak_intake_duration_seconds_bucket{endpoint=\"generic\"", text, StringComparison.Ordinal);
        Assert.Matches("firebreak_intake_events_total\\{integration=\"generic-[0-9a-f]+\",outcome=\"throttled\"\\} 1", text);
    }

    [Fact]
    public async Task Mapping_Validation_NamesBadFields_OnlyForGeneric_AdminOnly()
    {
        var (id, _) = await NewGenericAsync();
        var am = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"am-{Guid.NewGuid():N}", kind = "alertmanager" }).ExpectAsync(HttpStatusCode.Created);

        var problem = await PutMappingAsync(id, new
        {
            alerts = "a..b",
            severity = new { path = "p", map = new Dictionary<string, string> { ["P1"] = "urgent" } },
            action = new { path = "s", @default = "explode" },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await PutMappingAsync(am.GetProperty("id").GetInt64(), s_customMapping).ExpectProblemAsync(HttpStatusCode.Conflict);
        await PutMappingAsync(id, s_customMapping, Server.Responder).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Equal(["action.default", "alerts", "severity.map.P1", "summary"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        var still = await Server.Admin.GetAsync($"/api/v1/integrations/{id}/mapping").ExpectAsync(HttpStatusCode.OK);
        Assert.True(still.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task DryRun_ShowsSignalsOrItemErrors_WithEditedMapping_AndStoresNothing()
    {
        var (id, _) = await NewGenericAsync();
        var sample = new { data = new { events = new[] { Event("db-1", "disk") } } };

        var results = await Server.Admin.PostJsonAsync($"/api/v1/integrations/{id}/mapping/dry-run", new { mapping = s_customMapping, payload = sample })
            .ExpectAsync(HttpStatusCode.OK);
        var withSaved = await Server.Admin.PostJsonAsync($"/api/v1/integrations/{id}/mapping/dry-run", new { payload = sample })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        var alert = Assert.Single(results.EnumerateArray());
        Assert.Equal(("trigger", "db-1/disk", "Disk full", "critical"), (alert.Str("action"), alert.Str("dedupKey"), alert.Str("summary"), alert.Str("severity")));
        Assert.Equal("storage", alert.GetProperty("labels").Str("team"));
        // The default mapping reads the wrapper object as one alert with no summary.
        Assert.True(withSaved.GetProperty("errors").TryGetProperty("items[0].summary", out _));
        Assert.Equal(0, await Server.WithDbAsync(db => db.Alerts.CountAsync(a => a.IntegrationId == id)));

        // The routing rules' dry run reads a generic payload through the mapping too.
        var routed = await Server.Admin.PostJsonAsync($"/api/v1/integrations/{id}/rules/dry-run", new { payload = new { id = "r-1", title = "Routed" } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("r-1", "Routed"), (routed[0].Str("dedupKey"), routed[0].Str("summary")));
    }

    [Fact]
    public async Task Snippet_CurlBodyFitsTheMapping_AndOpensAnAlert()
    {
        var (id, key) = await NewGenericAsync(s_customMapping);

        var integration = await Server.Admin.GetAsync($"/api/v1/integrations/{id}").ExpectAsync(HttpStatusCode.OK);
        var snippets = integration.GetProperty("snippets");
        var curl = snippets.Str("curl");
        Assert.EndsWith($"/integrations/generic/{key}", snippets.Str("url"), StringComparison.Ordinal);
        Assert.Contains($"/integrations/generic/{key}", curl, StringComparison.Ordinal);
        Assert.Equal("data.events", integration.GetProperty("mapping").Str("alerts"));

        var body = curl[(curl.IndexOf("-d '", StringComparison.Ordinal) + 4)..^1];
        var response = await Server.Anonymous.PostRawAsync($"/integrations/generic/{key}", body).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("created", Outcomes(response).Single().Outcome);
    }
}

public sealed class GenericIntakeTests_Sqlite(SqliteServerFixture f) : GenericIntakeTests(f), IClassFixture<SqliteServerFixture>;

public sealed class GenericIntakeTests_Postgres(PostgresServerFixture f) : GenericIntakeTests(f), IClassFixture<PostgresServerFixture>;
