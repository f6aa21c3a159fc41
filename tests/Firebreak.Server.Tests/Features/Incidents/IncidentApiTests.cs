using System.Net;
using System.Text.Json;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Incidents;

/// <summary>The incident API end to end over real HTTP; runs once per database provider (see the subclasses).</summary>
public abstract class IncidentApiTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private Task<JsonElement> DeclareAsync(string title, string severity = "SEV-2") =>
        Server.Responder.PostJsonAsync("/api/v1/incidents", new { title, severity }).ExpectAsync(HttpStatusCode.Created);

    private Task<int> CountAsync<T>(Func<FirebreakDb, IQueryable<T>> set) => Server.WithDbAsync(db => set(db).CountAsync());

    [Fact]
    public async Task TheSameTitleTenTimesInADay_GetsNumberedSlugs_InOrder()
    {
        var slugs = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            slugs.Add((await DeclareAsync("Replica lag on the orders database")).Str("slug"));
        }

        var first = slugs[0];
        Assert.EndsWith("-replica-lag-on-the-orders-database", first, StringComparison.Ordinal);
        Assert.Equal([first, .. Enumerable.Range(2, 9).Select(n => $"{first}-{n}")], slugs);
    }

    [Fact]
    public async Task Lifecycle_DeclareToResolved_RecordsTimelineMetricsAndAudit()
    {
        var declared = await Server.Responder.PostJsonAsync("/api/v1/incidents", new
        {
            title = "Checkout API returning 500s",
            severity = "SEV-1",
            description = "Card payments fail",
            impactStartedAt = Server.Clock.GetUtcNow().AddMinutes(-4),
        }).ExpectAsync(HttpStatusCode.Created);
        var slug = declared.Str("slug");
        Assert.StartsWith("inc-20260115-checkout-api-returning-500s", slug, StringComparison.Ordinal);
        Assert.Equal("triggered", declared.Str("status"));
        Assert.NotEmpty(declared.GetProperty("checklist").EnumerateArray());
        var basePath = $"/api/v1/incidents/{slug}";

        Server.Clock.Advance(TimeSpan.FromMinutes(2));
        var acked = await Server.Responder.PostAsync($"{basePath}/acknowledge", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("investigating", acked.Str("status"));

        foreach (var (status, minutes) in new[] { ("identified", 5), ("mitigating", 3), ("monitoring", 10), ("resolved", 20) })
        {
            Server.Clock.Advance(TimeSpan.FromMinutes(minutes));
            var changed = await Server.Responder.PostJsonAsync($"{basePath}/status", new { status, note = $"now {status}" }).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(status, changed.Str("status"));
        }

        var final = await Server.Viewer.GetAsync(basePath).ExpectAsync(HttpStatusCode.OK);
        var metrics = final.GetProperty("metrics");
        Assert.Equal(240, metrics.GetProperty("ttd").GetProperty("seconds").GetDouble());
        Assert.Equal(120, metrics.GetProperty("tta").GetProperty("seconds").GetDouble());
        Assert.Equal(20 * 60, metrics.GetProperty("ttm").GetProperty("seconds").GetDouble());
        Assert.Equal(40 * 60, metrics.GetProperty("ttr").GetProperty("seconds").GetDouble());
        Assert.False(metrics.GetProperty("ttr").GetProperty("running").GetBoolean());

        // The comms cadence's reminders come and go with the clock (tested in CadenceTests); this test follows the lifecycle.
        var timeline = final.GetProperty("timeline").EnumerateArray().Where(t => t.Str("kind") != TimelineKind.CommsReminder).ToList();
        // Resolving opens the severity's review draft, which the timeline says last.
        Assert.Equal(["declared", "status_changed", "status_changed", "status_changed", "status_changed", "status_changed", "review"],
            timeline.Select(t => t.Str("kind")));
        Assert.All(timeline[..^1], t => Assert.Equal("rita", t.Str("actor")));
        Assert.Equal("system", timeline[^1].Str("actor"));
        Assert.Contains("Acknowledged", timeline[1].Str("text"), StringComparison.Ordinal);

        var audit = await Server.Admin.GetAsync($"/api/v1/audit?resource=incident/{slug}").ExpectAsync(HttpStatusCode.OK);
        var actions = audit.EnumerateArray().Select(a => a.Str("action")).Reverse().ToList();
        Assert.Equal(["incident.declare", "incident.status.investigating", "incident.status.identified", "incident.status.mitigating",
            "incident.status.monitoring", "incident.status.resolved"], actions);
        Assert.All(audit.EnumerateArray(), a => Assert.Equal("127.0.0.1", a.Str("sourceAddress")));
    }

    [Fact]
    public async Task Resolve_AsFalsePositive_IsRecordedApart_AndReopeningClearsIt()
    {
        var slug = (await DeclareAsync("Disk alarm on a spare host", "SEV-3")).Str("slug");
        var basePath = $"/api/v1/incidents/{slug}";

        var bad = await Server.Responder.PostJsonAsync($"{basePath}/resolve", new { resolution = "maybe" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("false-positive", bad.GetProperty("errors").GetProperty("resolution")[0].GetString(), StringComparison.Ordinal);
        var notResolving = await Server.Responder.PostJsonAsync($"{basePath}/status", new { status = "mitigating", resolution = "false-positive" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(notResolving.GetProperty("errors").TryGetProperty("resolution", out _));
        Assert.Equal("triggered", (await Server.Viewer.GetAsync(basePath).ExpectAsync(HttpStatusCode.OK)).Str("status"));

        var resolved = await Server.Responder.PostJsonAsync($"{basePath}/resolve", new { text = "the host is being retired", resolution = "false-positive" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.Str("status"));
        Assert.Equal("false-positive", resolved.Str("resolution"));
        Assert.Contains(resolved.GetProperty("timeline").EnumerateArray(),
            t => t.Str("text").Contains("false positive", StringComparison.Ordinal) && t.Str("text").Contains("the host is being retired", StringComparison.Ordinal));
        var audit = await Server.Admin.GetAsync($"/api/v1/audit?resource=incident/{slug}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(audit.EnumerateArray(), a => a.Str("action") == "incident.status.resolved" && a.Str("details").Contains("false-positive", StringComparison.Ordinal));

        var metrics = await (await Server.Anonymous.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Matches("firebreak_incidents_false_positive\\{severity=\"SEV-3\"\\} [1-9]", metrics);

        var reopened = await Server.Responder.PostJsonAsync($"{basePath}/status", new { status = "investigating" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("resolution").ValueKind);
        var fixedIt = await Server.Responder.PostJsonAsync($"{basePath}/resolve", new { text = "swapped the disk" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("fixed", fixedIt.Str("resolution"));
    }

    [Fact]
    public async Task Declare_MissingTitleAndUnknownSeverity_NamesBothFieldsAndStoresNothing()
    {
        var before = await CountAsync(db => db.Incidents);

        var problem = await Server.Responder.PostJsonAsync("/api/v1/incidents", new { severity = "SEV-9" }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Contains("required", errors.GetProperty("title")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("SEV-1", errors.GetProperty("severity")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(db => db.Incidents));
    }

    [Theory]
    [InlineData("{\"title\": \"x\", \"severity\": ")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Declare_MalformedJson_Is400ProblemAndStoresNothing(string body)
    {
        var before = await CountAsync(db => db.AuditEvents);

        await Server.Responder.PostRawAsync("/api/v1/incidents", body).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, await CountAsync(db => db.AuditEvents));
    }

    [Fact]
    public async Task Declare_FieldOfWrongType_NamesTheField()
    {
        var problem = await Server.Responder.PostRawAsync("/api/v1/incidents", "{\"title\": 42, \"severity\": \"SEV-2\"}")
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _), problem.ToString());
    }

    [Fact]
    public async Task Declare_UnknownFields_AreIgnored()
    {
        var created = await Server.Responder.PostRawAsync("/api/v1/incidents", "{\"title\": \"Extra fields\", \"severity\": \"SEV-3\", \"colour\": [1,2]}")
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("SEV-3", created.Str("severity"));
    }

    [Fact]
    public async Task Declare_OversizeBody_Is413ProblemAndStoresNothing()
    {
        var before = await CountAsync(db => db.Incidents);
        var huge = JsonSerializer.Serialize(new { title = "big", severity = "SEV-2", description = new string('x', 2 * 1024 * 1024) });

        await Server.Responder.PostOversizeAsync("/api/v1/incidents", huge).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(before, await CountAsync(db => db.Incidents));
    }

    [Fact]
    public async Task Status_InvalidTransition_Is409AndChangesNothing()
    {
        var slug = (await DeclareAsync("Queue backlog growing")).Str("slug");
        var timelineBefore = await CountAsync(db => db.TimelineEntries);

        var problem = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{slug}/status", new { status = "closed" })
            .ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("cannot move from triggered to closed", problem.Str("detail"), StringComparison.Ordinal);
        var current = await Server.Viewer.GetAsync($"/api/v1/incidents/{slug}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("triggered", current.Str("status"));
        Assert.Equal(timelineBefore, await CountAsync(db => db.TimelineEntries));
    }

    [Fact]
    public async Task Status_UnknownValue_Is400NamingField()
    {
        var slug = (await DeclareAsync("Disk filling on db-3")).Str("slug");

        var problem = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{slug}/status", new { status = "fixed" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("investigating", problem.GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownIncident_Is404Problem()
    {
        await Server.Viewer.GetAsync("/api/v1/incidents/inc-19990101-nothing").ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Responder.PostAsync("/api/v1/incidents/999999/acknowledge", null).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Number_FindsIncidentLikeSlug()
    {
        var declared = await DeclareAsync("Login page blank");
        var number = declared.GetProperty("number").GetInt32();

        var byNumber = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(declared.Str("slug"), byNumber.Str("slug"));
    }

    [Fact]
    public async Task SeverityRolesNotesChecklist_EachLandOnTimeline()
    {
        var declared = await DeclareAsync("Payments webhook failures", "SEV-2");
        var path = $"/api/v1/incidents/{declared.Str("slug")}";
        var itemId = declared.GetProperty("checklist")[0].GetProperty("id").GetInt64();

        await Server.Responder.PostJsonAsync($"{path}/severity", new { severity = "SEV-1", reason = "all regions" }).ExpectAsync(HttpStatusCode.OK);
        await Server.Responder.PostJsonAsync($"{path}/roles", new { role = "commander", user = "rita" }).ExpectAsync(HttpStatusCode.OK);
        await Server.Responder.PostJsonAsync($"{path}/roles", new { role = "scribe", user = "vera" }).ExpectAsync(HttpStatusCode.OK);
        await Server.Responder.PostJsonAsync($"{path}/notes", new { text = "Provider status page shows degraded API" }).ExpectAsync(HttpStatusCode.OK);
        var after = await Server.Responder.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"{path}/checklist/{itemId}")
        {
            Content = JsonContent(new { done = true }),
        }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("SEV-1", after.Str("severity"));
        Assert.Equal("rita", after.GetProperty("roles").GetProperty("commander").Str("username"));
        Assert.Equal("vera", after.GetProperty("roles").GetProperty("scribe").Str("username"));
        Assert.True(after.GetProperty("checklist").EnumerateArray().First(c => c.GetProperty("id").GetInt64() == itemId).GetProperty("done").GetBoolean());
        Assert.Equal(["declared", "severity_changed", "role_assigned", "role_assigned", "note", "checklist_checked"],
            after.GetProperty("timeline").EnumerateArray().Select(t => t.Str("kind")));

        await Server.Responder.PostJsonAsync($"{path}/roles", new { role = "captain", user = "rita" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Responder.PostJsonAsync($"{path}/roles", new { role = "commander", user = "nobody" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Responder.PostJsonAsync($"{path}/severity", new { severity = "SEV-1" }).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Resolve_WithoutBody_Works()
    {
        var slug = (await DeclareAsync("Flaky health check")).Str("slug");

        var resolved = await Server.Responder.PostAsync($"/api/v1/incidents/{slug}/resolve", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("resolved", resolved.Str("status"));
        Assert.Equal(["investigating", "closed"], resolved.GetProperty("allowedTransitions").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Declare_ConcurrentRequests_GetDistinctNumbersAndSlugs()
    {
        var tasks = Enumerable.Range(0, 12).Select(_ => DeclareAsync("Same title at the same time"));

        var results = await Task.WhenAll(tasks);

        Assert.Equal(12, results.Select(r => r.GetProperty("number").GetInt32()).Distinct().Count());
        Assert.Equal(12, results.Select(r => r.Str("slug")).Distinct().Count());
    }

    [Fact]
    public async Task List_FiltersAndPutsOpenMostSevereFirst()
    {
        var low = (await DeclareAsync("List test low", "SEV-4")).Str("slug");
        var high = (await DeclareAsync("List test high", "SEV-1")).Str("slug");
        var done = (await DeclareAsync("List test done", "SEV-1")).Str("slug");
        await Server.Responder.PostAsync($"/api/v1/incidents/{done}/resolve", null).ExpectAsync(HttpStatusCode.OK);

        var all = (await Server.Viewer.GetAsync("/api/v1/incidents?limit=500").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(i => i.Str("slug")).ToList();
        Assert.True(all.IndexOf(high) < all.IndexOf(low), "SEV-1 before SEV-4");
        Assert.True(all.IndexOf(low) < all.IndexOf(done), "open before resolved");

        var resolved = (await Server.Viewer.GetAsync("/api/v1/incidents?status=resolved").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.All(resolved, i => Assert.Equal("resolved", i.Str("status")));
        Assert.Contains(resolved, i => i.Str("slug") == done);

        var sev4 = (await Server.Viewer.GetAsync("/api/v1/incidents?severity=SEV-4&open=true").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.All(sev4, i => Assert.Equal("SEV-4", i.Str("severity")));

        await Server.Viewer.GetAsync("/api/v1/incidents?status=fixed").ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    private static StringContent JsonContent(object value) =>
        new(JsonSerializer.Serialize(value, HttpTesting.Json), System.Text.Encoding.UTF8, "application/json");
}

public sealed class IncidentApiTests_Sqlite(SqliteServerFixture fixture) : IncidentApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class IncidentApiTests_Postgres(PostgresServerFixture fixture) : IncidentApiTests(fixture), IClassFixture<PostgresServerFixture>;
