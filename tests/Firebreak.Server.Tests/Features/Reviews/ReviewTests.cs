using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.Reviews;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Reviews;

/// <summary>
/// Post-incident reviews over the API: the draft an incident's resolution opens (metrics checked against a
/// hand-computed fixture on the fake clock), draft → in review → published closing the incident, the Markdown export,
/// and the problems bad input gets.
/// </summary>
public abstract class ReviewTests(ServerFixture fixture)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    /// <summary>
    /// SEV-1 (preset: acknowledge within 5m, mitigate within 1h, review within 3d), impact from 10 minutes before it was
    /// declared; acknowledged after 3m, monitoring (mitigated) after 50m, resolved after 90m.
    /// </summary>
    private async Task<(int Number, DateTimeOffset Declared)> ResolvedSev1Async(string? commander = "rita")
    {
        var declared = Server.Clock.GetUtcNow();
        var incident = await Server.Responder.PostJsonAsync("/api/v1/incidents", new
        {
            title = $"Checkout failing {_id}",
            severity = "SEV-1",
            description = "Payments time out at the gateway.",
            impact = "Customers cannot pay.",
            impactStartedAt = declared.AddMinutes(-10),
            commander,
        }).ExpectAsync(HttpStatusCode.Created);
        var number = incident.GetProperty("number").GetInt32();
        Server.Clock.Advance(TimeSpan.FromMinutes(3));
        await Server.Responder.PostAsync($"/api/v1/incidents/{number}/acknowledge", null).ExpectAsync(HttpStatusCode.OK);
        Server.Clock.Advance(TimeSpan.FromMinutes(47));
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/status", new { status = "monitoring" }).ExpectAsync(HttpStatusCode.OK);
        Server.Clock.Advance(TimeSpan.FromMinutes(40));
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/resolve", new { text = "gateway pool resized" }).ExpectAsync(HttpStatusCode.OK);
        return (number, declared);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, int number, object body) =>
        client.PutAsJsonAsync($"/api/v1/incidents/{number}/review", body, HttpTesting.Json);

    private static object Written(string proximateCause = "A config push halved the gateway's connection pool.", string owner = "rita") => new
    {
        summary = "Checkout failed for 60 minutes.",
        proximateCause,
        contributingFactors = "No alert on pool saturation.",
        detectionGap = "Ten minutes: customers told us first.",
        wentWell = "Rollback was quick | clean.",
        couldBeBetter = "Paging reached the wrong team first.",
        lessons = "Alert on the pool, not only on errors.",
        impact = new { usersAffected = 1200, minutes = 60, revenue = 15000.50m, slaBreached = true, level = "high" },
        answers = new[] { "Customers told us.", "Paging went to the wrong team.", "The pool setting.", "Alert on saturation." },
        owner,
    };

    private static JsonElement Metric(JsonElement review, string key) =>
        review.GetProperty("metrics").EnumerateArray().Single(m => m.Str("key") == key);

    [Fact]
    public async Task Resolve_SeverityWithReviewWithin_OpensADraftFilledFromTheIncident()
    {
        var (number, declared) = await ResolvedSev1Async();

        var review = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/review").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("draft", true, "rita"), (review.Str("status"), review.GetProperty("required").GetBoolean(), review.Str("owner")));
        Assert.Equal(declared.AddMinutes(90).AddDays(3), review.GetProperty("dueAt").GetDateTimeOffset());
        Assert.StartsWith($"Checkout failing {_id}\n\nPayments time out at the gateway.\n\nImpact: Customers cannot pay.", review.Str("summary"), StringComparison.Ordinal);
        var expected = new (string Key, double Seconds, double? Target, bool? Met)[]
        {
            ("ttd", 10 * 60, null, null), ("tta", 3 * 60, 5 * 60, true), ("ttm", 50 * 60, 60 * 60, true), ("ttr", 90 * 60, null, null),
        };
        foreach (var (key, seconds, target, met) in expected)
        {
            var m = Metric(review, key);
            var actualTarget = m.GetProperty("targetSeconds").ValueKind == JsonValueKind.Null ? (double?)null : m.GetProperty("targetSeconds").GetDouble();
            var actualMet = m.GetProperty("targetMet").ValueKind == JsonValueKind.Null ? (bool?)null : m.GetProperty("targetMet").GetBoolean();
            Assert.Equal((key, seconds, target, met), (key, m.GetProperty("seconds").GetDouble(), actualTarget, actualMet));
        }

        var impact = review.GetProperty("impact");
        Assert.Equal((60, "high"), (impact.GetProperty("minutes").GetInt32(), impact.Str("level")));
        Assert.Contains(review.GetProperty("roles").EnumerateArray(), r => r.Str("role") == "commander" && r.Str("username") == "rita");
        var kept = review.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("kept").GetBoolean()).Select(t => t.Str("kind")).ToList();
        Assert.Contains("declared", kept);
        Assert.Contains("status_changed", kept);
        Assert.DoesNotContain("role_assigned", kept);
        Assert.Equal(4, review.GetProperty("answers").GetArrayLength());
        var timeline = await Server.WithDbAsync(db => db.TimelineEntries.Where(t => db.Set<Incident>().Any(i => i.Id == t.IncidentId && i.Number == number) && t.Kind == "review").Select(t => t.Text).ToListAsync());
        Assert.Equal([$"Review draft opened, due {declared.AddMinutes(90).AddDays(3):yyyy-MM-dd HH:mm} UTC"], timeline);
    }

    [Fact]
    public async Task Resolve_SeverityWithoutReviewWithin_OpensNoDraft_AndAResponderMayStartOne()
    {
        var incident = await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = $"Typo on the status page {_id}", severity = "SEV-4" })
            .ExpectAsync(HttpStatusCode.Created);
        var number = incident.GetProperty("number").GetInt32();
        await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/review").ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/resolve", new { }).ExpectAsync(HttpStatusCode.OK);

        var missing = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/review").ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("has no review yet", missing.Str("detail"), StringComparison.Ordinal);
        await Server.Viewer.PostAsync($"/api/v1/incidents/{number}/review", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var started = await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review", null).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(("draft", false, JsonValueKind.Null), (started.Str("status"), started.GetProperty("required").GetBoolean(), started.GetProperty("dueAt").ValueKind));
        await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review", null).ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AlertsResolvingTheIncident_OpenTheDraftToo()
    {
        var integration = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"am-{_id}", kind = "alertmanager" }).ExpectAsync(HttpStatusCode.Created);
        var url = $"/integrations/alertmanager/{integration.Str("key")}";
        object Alerts(string status) => new
        {
            version = "4",
            status,
            alerts = new[] { new { status, labels = new Dictionary<string, string> { ["alertname"] = "DiskFull", ["run"] = _id, ["severity"] = "critical" }, fingerprint = $"f-{_id}" } },
        };
        await Server.Anonymous.PostJsonAsync(url, Alerts("firing")).ExpectAsync(HttpStatusCode.OK);
        // Tests of one class run one at a time on their own server, so the newest incident is this alert's.
        var number = await Server.WithDbAsync(db => db.Incidents.MaxAsync(i => i.Number));
        var severity = await Server.WithDbAsync(db => db.Incidents.Where(i => i.Number == number).Select(i => i.SeverityKey).SingleAsync());
        Assert.NotEqual("SEV-4", severity);
        Server.Clock.Advance(TimeSpan.FromMinutes(7));

        await Server.Anonymous.PostJsonAsync(url, Alerts("resolved")).ExpectAsync(HttpStatusCode.OK);

        var review = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/review").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("draft", review.Str("status"));
        Assert.Equal((false, "not reached"), (Metric(review, "tta").GetProperty("targetMet").GetBoolean(), Metric(review, "tta").Str("text")));
        Assert.Equal(7 * 60, Metric(review, "ttr").GetProperty("seconds").GetDouble());
    }

    [Fact]
    public async Task Statuses_DraftThenInReviewThenPublished_ClosesTheIncident()
    {
        var (number, _) = await ResolvedSev1Async(commander: null);
        var empty = await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review/submit", null).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("proximateCause", out _));
        await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review/publish", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        await PutAsync(Server.Viewer, number, Written()).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var saved = await PutAsync(Server.Responder, number, Written()).ExpectAsync(HttpStatusCode.OK);
        var stale = saved.GetProperty("revision").GetInt32() - 1;
        await PutAsync(Server.Responder, number, new { summary = "older copy", revision = stale }).ExpectProblemAsync(HttpStatusCode.Conflict);

        var submitted = await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review/submit", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("in_review", "rita"), (submitted.Str("status"), submitted.Str("submittedBy")));
        await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review/submit", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        // No commander: only an admin publishes.
        var refused = await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review/publish", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("an admin must", refused.Str("detail"), StringComparison.Ordinal);
        var published = await Server.Admin.PostAsync($"/api/v1/incidents/{number}/review/publish", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("published", "closed"), (published.Str("status"), published.GetProperty("incident").Str("status")));
        var incident = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("closed", incident.Str("status"));
        var timeline = await Server.WithDbAsync(db => db.TimelineEntries.Where(t => db.Set<Incident>().Any(i => i.Id == t.IncidentId && i.Number == number)).OrderBy(t => t.Id).Select(t => t.Text).ToListAsync());
        Assert.Contains("adam published the review", timeline);
        Assert.Contains("Status: resolved → closed — review published", timeline);
        var slug = incident.Str("slug");
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource.StartsWith($"incident/{slug}")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["review.update", "review.submit", "incident.status.closed", "review.publish"], audit.Where(a => a.StartsWith("review.", StringComparison.Ordinal) || a == "incident.status.closed"));
        await PutAsync(Server.Responder, number, Written()).ExpectProblemAsync(HttpStatusCode.Conflict);
        var list = await Server.Viewer.GetAsync("/api/v1/reviews?status=published").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("incident").GetInt32() == number);
    }

    [Fact]
    public async Task Publish_ByTheCommander_IsAllowed_AndOverdueDraftsAreListedAsOverdue()
    {
        var (number, _) = await ResolvedSev1Async(commander: "rita");
        Server.Clock.Advance(TimeSpan.FromDays(4));
        var open = await Server.Viewer.GetAsync("/api/v1/reviews?status=draft").ExpectAsync(HttpStatusCode.OK);
        Assert.True(open.EnumerateArray().Single(r => r.GetProperty("incident").GetInt32() == number).GetProperty("overdue").GetBoolean());

        await PutAsync(Server.Responder, number, Written()).ExpectAsync(HttpStatusCode.OK);
        await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review/submit", null).ExpectAsync(HttpStatusCode.OK);
        var published = await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review/publish", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("published", false), (published.Str("status"), published.GetProperty("overdue").GetBoolean()));
    }

    [Fact]
    public async Task Markdown_ExportsTheWrittenReview()
    {
        var (number, _) = await ResolvedSev1Async();
        await PutAsync(Server.Responder, number, Written("The pool | halved.")).ExpectAsync(HttpStatusCode.OK);

        var response = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/review.md");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"# Post-incident review: #{number} Checkout failing {_id}\n", text, StringComparison.Ordinal);
        Assert.Contains("| high | 1,200 | 60 min | 15,000.50 | yes |", text, StringComparison.Ordinal);
        Assert.Contains("| Time to acknowledge (TTA) | 3m | 5m | yes |", text, StringComparison.Ordinal);
        Assert.Contains("| Time to mitigate (TTM) | 50m | 1h 00m | yes |", text, StringComparison.Ordinal);
        Assert.Contains("### Proximate cause\n\nThe pool | halved.\n", text, StringComparison.Ordinal);
        Assert.Contains("### Prevention: what would stop this from happening again, or make it smaller?\n\nAlert on saturation.\n", text, StringComparison.Ordinal);
        Assert.Contains("- commander: rita (rita)", text, StringComparison.Ordinal);
        Assert.Contains("Status: monitoring → resolved — gateway pool resized |", text, StringComparison.Ordinal);
        await Server.Viewer.GetAsync("/api/v1/incidents/999999/review.md").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadInput_IsAProblemNamingEachField_AndBlamePhrasesAreFlaggedNotRefused()
    {
        var (number, _) = await ResolvedSev1Async();
        var bad = await PutAsync(Server.Responder, number, new
        {
            impact = new { usersAffected = -1, minutes = -5, revenue = -1m, level = "huge" },
            timeline = new[] { 987654321L },
            answers = Enumerable.Repeat("x", 9).ToArray(),
            owner = "vera",
            lessons = new string('a', 20_001),
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["answers", "impact.level", "impact.minutes", "impact.revenue", "impact.usersAffected", "lessons", "owner", "timeline"], errors);
        await Server.Responder.GetAsync("/api/v1/reviews?status=done").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await PutAsync(Server.Responder, 999999, Written()).ExpectProblemAsync(HttpStatusCode.NotFound);
        var raw = await Server.Responder.PutAsync($"/api/v1/incidents/{number}/review", new StringContent("{\"summary\": 5}", System.Text.Encoding.UTF8, "application/json"))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("summary", raw.GetRawText(), StringComparison.Ordinal);

        var blamed = await PutAsync(Server.Responder, number, new { proximateCause = "Human error: Bob should have checked the pool.", lessons = "It was Bob's fault." })
            .ExpectAsync(HttpStatusCode.OK);

        var flags = blamed.GetProperty("blameFlags").EnumerateArray().Select(f => (f.Str("field"), f.Str("phrase"))).ToList();
        Assert.Equal([("proximateCause", "Human error"), ("proximateCause", "should have"), ("lessons", "Bob's fault")], flags);
        Assert.Equal("Human error: Bob should have checked the pool.", blamed.Str("proximateCause"));
    }

    [Fact]
    public async Task ActionItems_AddedFromTheReview_AreListedInItAndItsMarkdown_AndPublishingKeepsThem()
    {
        var (number, _) = await ResolvedSev1Async(commander: "rita");
        await PutAsync(Server.Responder, number, Written()).ExpectAsync(HttpStatusCode.OK);
        var url = $"/api/v1/incidents/{number}/review/action-items";
        await Server.Viewer.PostJsonAsync(url, new { title = "Alert on pool saturation" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var bad = await Server.Responder.PostJsonAsync(url, new { title = "", due = "soon" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("title", bad.GetRawText(), StringComparison.Ordinal);

        var first = await Server.Responder.PostJsonAsync(url, new { title = "Alert on pool saturation", priority = "P0", owner = "rita", due = "2030-01-15" })
            .ExpectAsync(HttpStatusCode.Created);
        await Server.Responder.PostJsonAsync(url, new { title = "Review | config pushes" }).ExpectAsync(HttpStatusCode.Created);
        await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review/submit", null).ExpectAsync(HttpStatusCode.OK);
        var published = await Server.Responder.PostAsync($"/api/v1/incidents/{number}/review/publish", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("review", "open"), (first.Str("source"), first.Str("status")));
        var listed = published.GetProperty("actionItems").EnumerateArray().Select(a => (a.Str("title"), a.Str("priority"), a.Str("source"))).ToList();
        Assert.Equal([("Alert on pool saturation", "P0", "review"), ("Review | config pushes", "P1", "review")], listed);
        var text = await (await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/review.md")).Content.ReadAsStringAsync();
        Assert.Contains($"| {first.Str("key")} | Alert on pool saturation | P0 | rita | 2030-01-15 | open |", text, StringComparison.Ordinal);
        Assert.Contains("| Review \\| config pushes | P1 | — | — | open |", text, StringComparison.Ordinal);
        var late = await Server.Responder.PostJsonAsync(url, new { title = "Too late" }).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("from the incident", late.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_GoToTheOwner_ADayBeforeAndWhenDue_OnceEach_AndNotOncePublished()
    {
        var owner = $"own{_id}";
        await Server.CreateUserWithTokenAsync(owner, Role.Responder);
        await Server.WithDbAsync(db => db.Users.Where(u => u.Username == owner).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, $"{owner}@example.test")));
        var (published, _) = await ResolvedSev1Async(commander: "rita");
        var (open, _) = await ResolvedSev1Async(commander: "rita");
        var openResolved = Server.Clock.GetUtcNow();
        await PutAsync(Server.Responder, published, Written(owner: owner)).ExpectAsync(HttpStatusCode.OK);
        await PutAsync(Server.Responder, open, Written(owner: owner)).ExpectAsync(HttpStatusCode.OK);
        var ids = await Server.WithDbAsync(db => db.Reviews.Where(r => r.Incident!.Number == published || r.Incident!.Number == open)
            .Select(r => new { r.Incident!.Number, r.Id }).ToDictionaryAsync(r => r.Number, r => r.Id));
        var (p, o) = (ids[published], ids[open]);

        // Due 3 days after resolving: the first review 70.5 h after the second resolved, the second 72 h after.
        Assert.Empty(await RemindersAfterAsync(openResolved + TimeSpan.FromHours(46), owner));
        Assert.Equal(Sorted(ReviewReminderHandler.SoonCause(p), ReviewReminderHandler.SoonCause(o)), await RemindersAfterAsync(openResolved + TimeSpan.FromHours(49), owner));
        await Server.Responder.PostAsync($"/api/v1/incidents/{published}/review/submit", null).ExpectAsync(HttpStatusCode.OK);
        await Server.Responder.PostAsync($"/api/v1/incidents/{published}/review/publish", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Sorted(ReviewReminderHandler.SoonCause(p), ReviewReminderHandler.SoonCause(o)), await RemindersAfterAsync(openResolved + TimeSpan.FromHours(50), owner));
        var all = Sorted(ReviewReminderHandler.SoonCause(p), ReviewReminderHandler.SoonCause(o), ReviewReminderHandler.DueCause(o));
        Assert.Equal(all, await RemindersAfterAsync(openResolved + TimeSpan.FromHours(72.1), owner));
        Assert.Equal(all, await RemindersAfterAsync(openResolved + TimeSpan.FromDays(5), owner));
    }

    private static List<string> Sorted(params string[] causes) => [.. causes.Order(StringComparer.Ordinal)];

    /// <summary>Moves the clock to <paramref name="at"/>, waits for the reminder look to run, and returns the causes reminded to <paramref name="owner"/>.</summary>
    private async Task<List<string>> RemindersAfterAsync(DateTimeOffset at, string owner)
    {
        await Server.WorkAtRestAsync();
        Server.Clock.Advance(at - Server.Clock.GetUtcNow());
        await Eventually.WaitForAsync(() => Server.WithDbAsync(db => db.WorkItems.Where(w => w.Kind == ReviewReminderHandler.KindName).Select(w => w.DueAt).SingleAsync()),
            due => due > at, TimeSpan.FromSeconds(15), "the review reminder look");
        var causes = await Server.WithDbAsync(db => db.NotificationDeliveries.Where(d => d.Username == owner && d.Attempt == 0).Select(d => d.Cause).ToListAsync());
        return [.. causes.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task OpenIncident_HasNoReviewYet()
    {
        var incident = await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = $"Still burning {_id}", severity = "SEV-2" }).ExpectAsync(HttpStatusCode.Created);
        var number = incident.GetProperty("number").GetInt32();

        var missing = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/review").ExpectProblemAsync(HttpStatusCode.NotFound);
        var refused = await PutAsync(Server.Responder, number, Written()).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("its review opens when it resolves", missing.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("once it is resolved", refused.Str("detail"), StringComparison.Ordinal);
    }
}

[RunsLong]
public sealed class ReviewTests_Sqlite(SqliteServerFixture f) : ReviewTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ReviewTests_Postgres(PostgresServerFixture f) : ReviewTests(f), IClassFixture<PostgresServerFixture>;
