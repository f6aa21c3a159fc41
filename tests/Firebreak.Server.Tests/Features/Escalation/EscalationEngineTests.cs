using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Comms;
using Firebreak.Server.Features.Escalation;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Escalation;

/// <summary>
/// The escalation engine end to end on a fake clock: a policy written over the API pages real webhooks in order, on
/// time, once each; acknowledgement stops it; later policy edits do not touch an escalation in flight.
/// </summary>
public abstract class EscalationEngineTests(EngineFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task StepsPageInOrderOnTime_OnceEach_AndAcknowledgementStopsTheRest()
    {
        var t = Tag();
        var (ann, bob, cat) = (await fixture.PersonAsync($"ann{t}"), await fixture.PersonAsync($"bob{t}"), await fixture.PersonAsync($"cat{t}"));
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/primary-{t}", new
        {
            name = "Primary",
            timeZone = "Europe/Berlin",
            layers = new[] { new { name = "week", participants = new[] { new[] { $"ann{t}" } }, shift = "weekly", start = "2026-01-05T09:00" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        var service = await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Payments",
            steps = new object[]
            {
                new { targets = new[] { $"schedule:primary-{t}" }, delay = "5m" },
                new { targets = new[] { $"user:bob{t}" }, delay = "10m" },
                new { targets = new[] { $"user:cat{t}" }, delay = "15m" },
            },
        });

        var incident = await fixture.DeclareAsync(service);
        await fixture.Runner.RunDueAsync();
        var first = Assert.Single(fixture.PagesTo(ann));
        Assert.Equal($"#{incident}", first.Json.GetProperty("incidents")[0].Str("reference"));
        Assert.Empty(fixture.PagesTo(bob));

        await fixture.AdvanceAsync(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Empty(fixture.PagesTo(bob));
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Single(fixture.PagesTo(bob));
        Assert.Single(fixture.PagesTo(ann));

        await Server.Responder.PostAsync($"/api/v1/incidents/{incident}/acknowledge", null).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Empty(fixture.PagesTo(cat));

        var state = await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}/escalation").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("acknowledged", state.Str("stoppedBecause"));
        Assert.Equal(2, state.GetProperty("stepsFired").GetInt32());
        var log = state.GetProperty("deliveries").EnumerateArray().Select(d => (d.Str("username"), d.Str("status"))).ToList();
        Assert.Equal([($"ann{t}", "sent"), ($"bob{t}", "sent")], log);
        var timeline = await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}/timeline").ExpectAsync(HttpStatusCode.OK);
        var lines = timeline.EnumerateArray().Select(e => e.Str("text")).ToList();
        Assert.Contains(lines, l => l.StartsWith("Escalation step 1 of 'Payments'", StringComparison.Ordinal) && l.Contains($"ann{t} (webhook)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Escalation step 2 of 'Payments'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"Notified bob{t} by webhook", StringComparison.Ordinal));
        // Escalation and paging work is gone; the comms cadence item ends on its own when it next looks at the incident.
        Assert.Equal(0, await Server.WithDbAsync(db => db.WorkItems.CountAsync(w => w.Kind != CadenceReminderHandler.KindName
            && db.Set<Incident>().Any(i => i.Id == w.IncidentId && i.Number == int.Parse(incident, System.Globalization.CultureInfo.InvariantCulture)))));
    }

    [Fact]
    public async Task TheFirstStep_CommitsWithTheIncident_AndIsHandedToThisNodeToSend_Declared()
    {
        var t = Tag();
        var ann = await fixture.PersonAsync($"ann{t}");
        var service = await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Payments",
            steps = new object[] { new { targets = new[] { $"user:ann{t}" }, delay = "5m" }, new { targets = new[] { $"user:ann{t}" }, delay = "5m" } },
        });

        var incident = await fixture.DeclareAsync(service);
        await AssertFirstStepCommittedAsync(incident, $"ann{t}");
        await fixture.Runner.RunDueAsync();
        Assert.Single(fixture.PagesTo(ann));
    }

    [Fact]
    public async Task TheFirstStep_CommitsWithTheIncident_AndIsHandedToThisNodeToSend_FromAnAlert()
    {
        var t = Tag();
        var ann = await fixture.PersonAsync($"ann{t}");
        var service = await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Payments",
            steps = new object[] { new { targets = new[] { $"user:ann{t}" }, delay = "5m" }, new { targets = new[] { $"user:ann{t}" }, delay = "5m" } },
        });
        var integration = await Server.Admin.PostAsJsonAsync("/api/v1/integrations", new { name = $"am-{t}", kind = "alertmanager", service }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        var alert = new { status = "firing", labels = new { alertname = "CheckoutErrors", severity = "critical" }, annotations = new { summary = "Checkout errors" } };
        await Server.Anonymous.PostAsJsonAsync($"/integrations/alertmanager/{integration.Str("key")}",
            new { version = "4", status = "firing", alerts = new[] { alert } }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        var incident = await Server.WithDbAsync(db => db.Incidents.Where(i => i.Service!.Key == service).Select(i => i.Number).SingleAsync());
        await AssertFirstStepCommittedAsync(incident.ToString(System.Globalization.CultureInfo.InvariantCulture), $"ann{t}");
        await fixture.Runner.RunDueAsync();
        Assert.Single(fixture.PagesTo(ann));
    }

    [Fact]
    public async Task AnAlertSplitIntoANewIncident_PagesLikeAnyNewIncident()
    {
        var t = Tag();
        var ann = await fixture.PersonAsync($"ann{t}");
        var service = await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Payments",
            steps = new object[] { new { targets = new[] { $"user:ann{t}" }, delay = "5m" } },
        });
        var integration = await Server.Admin.PostAsJsonAsync("/api/v1/integrations", new { name = $"am-{t}", kind = "alertmanager", service, groupBy = new[] { "alertname" } }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        var alerts = new[] { "a", "b" }.Select(i => new { status = "firing", labels = new { alertname = "CheckoutErrors", instance = i }, fingerprint = $"{t}-{i}" });
        await Server.Anonymous.PostAsJsonAsync($"/integrations/alertmanager/{integration.Str("key")}",
            new { version = "4", status = "firing", alerts }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await fixture.Runner.RunDueAsync();
        Assert.Single(fixture.PagesTo(ann));

        var b = await Server.WithDbAsync(db => db.Alerts.Where(a => a.DedupKey == $"{t}-b").Select(a => a.Id).SingleAsync());
        var moved = await Server.Responder.PostAsJsonAsync($"/api/v1/alerts/{b}/move", new { incident = "new" }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        var split = moved.GetProperty("toIncident").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lines = (await Server.Viewer.GetAsync($"/api/v1/incidents/{split}/timeline").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(e => e.Str("text"));
        Assert.Contains(lines, l => l.StartsWith("Escalation step 1 of 'Payments'", StringComparison.Ordinal));
        await fixture.Runner.RunDueAsync();
        Assert.Equal(2, fixture.PagesTo(ann).Count);
    }

    [Fact]
    public async Task AnAlertResolvedBySourceUnanswered_StopsTheEscalation_AsResolvedBySource_NotAsAcknowledged()
    {
        var t = Tag();
        await fixture.PersonAsync($"ann{t}");
        var service = await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Payments",
            steps = new object[] { new { targets = new[] { $"user:ann{t}" }, delay = "5m" }, new { targets = new[] { $"user:ann{t}" }, delay = "5m" } },
        });
        var integration = await Server.Admin.PostAsJsonAsync("/api/v1/integrations", new { name = $"am-{t}", kind = "alertmanager", service }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        var path = $"/integrations/alertmanager/{integration.Str("key")}";
        var alert = new { labels = new { alertname = "CheckoutErrors", severity = "critical" }, fingerprint = $"{t}-fp" };
        await Server.Anonymous.PostAsJsonAsync(path, new { version = "4", alerts = new[] { new { status = "firing", alert.labels, alert.fingerprint } } }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.OK);
        Server.Clock.Advance(TimeSpan.FromSeconds(47));
        await Server.Anonymous.PostAsJsonAsync(path, new { version = "4", alerts = new[] { new { status = "resolved", alert.labels, alert.fingerprint } } }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.OK);

        var number = await Server.WithDbAsync(db => db.Incidents.Where(i => i.Service!.Key == service).Select(i => i.Number).SingleAsync());
        var state = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/escalation").ExpectAsync(HttpStatusCode.OK);
        Assert.True(state.GetProperty("stopped").GetBoolean());
        Assert.Equal("resolved by source", state.Str("stoppedBecause"));
    }

    /// <summary>Before the engine has run at all: the page is queued and leased to this node, step 2 waits unleased.</summary>
    private async Task AssertFirstStepCommittedAsync(string incident, string person)
    {
        var number = int.Parse(incident, System.Globalization.CultureInfo.InvariantCulture);
        var delivery = await Server.WithDbAsync(db => db.NotificationDeliveries.SingleAsync(d => d.Username == person));
        Assert.Equal(DeliveryStatus.Queued, delivery.Status);
        var work = await Server.WithDbAsync(db => db.WorkItems
            .Where(w => w.Kind != CadenceReminderHandler.KindName && db.Set<Incident>().Any(i => i.Id == w.IncidentId && i.Number == number))
            .OrderBy(w => w.Kind).ToListAsync());
        Assert.Equal([EscalationHandler.KindName, NotifyHandler.KindName], work.Select(w => w.Kind));
        Assert.Null(work[0].LeaseOwner);
        Assert.Equal(Server.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), work[0].DueAt);
        Assert.StartsWith(fixture.Runner.NodeId, work[1].LeaseOwner, StringComparison.Ordinal);
        var lines = (await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}/timeline").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(e => e.Str("text"));
        Assert.Contains(lines, l => l.StartsWith("Escalation step 1 of 'Payments'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APolicyEditedMidIncident_LeavesTheOpenIncidentOnItsSnapshot()
    {
        var t = Tag();
        var (ann, bob) = (await fixture.PersonAsync($"ann{t}"), await fixture.PersonAsync($"bob{t}"));
        static object Policy(string who) => new { name = "Snap", repeats = 1, steps = new[] { new { targets = new[] { $"user:{who}" }, delay = "5m" } } };
        var service = await fixture.ServiceWithPolicyAsync(t, Policy($"ann{t}"));

        var open = await fixture.DeclareAsync(service);
        await fixture.Runner.RunDueAsync();
        await Server.Admin.PutAsJsonAsync($"/api/v1/escalation-policies/pol-{t}", Policy($"bob{t}"), HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(2, fixture.PagesTo(ann).Count);
        Assert.Empty(fixture.PagesTo(bob));
        var later = await fixture.DeclareAsync(service);
        await fixture.Runner.RunDueAsync();
        var page = Assert.Single(fixture.PagesTo(bob));
        Assert.Equal($"#{later}", page.Json.GetProperty("incidents")[0].Str("reference"));
        Assert.NotEqual(open, later);
    }

    [Fact]
    public async Task ConditionRule_Sev1NotMitigatedIn15Minutes_NotifiesTheManager_OnTheTimeline()
    {
        var t = Tag();
        var (ann, dan) = (await fixture.PersonAsync($"ann{t}"), await fixture.PersonAsync($"dan{t}"));
        var service = await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Rules",
            steps = new[] { new { targets = new[] { $"user:ann{t}" }, delay = "5m" } },
            rules = new[] { new { key = "sev1-unmitigated", when = new[] { "severity SEV-1", "not mitigated within 15m" }, notify = new[] { $"user:dan{t}" } } },
        });

        var minor = await fixture.DeclareAsync(service, "SEV-3");
        var major = await fixture.DeclareAsync(service, "SEV-1");
        await fixture.Runner.RunDueAsync();
        await Server.Responder.PostAsync($"/api/v1/incidents/{major}/acknowledge", null).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Empty(fixture.PagesTo(dan));
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(1));

        var page = Assert.Single(fixture.PagesTo(dan));
        Assert.Equal($"#{major}", page.Json.GetProperty("incidents")[0].Str("reference"));
        Assert.Contains("sev1-unmitigated", page.Json.GetProperty("incidents")[0].Str("reason"), StringComparison.Ordinal);
        var timeline = await Server.Viewer.GetAsync($"/api/v1/incidents/{major}/timeline").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(timeline.EnumerateArray(), e => e.Str("kind") == "condition_rule_fired" && e.Str("text").Contains($"dan{t}", StringComparison.Ordinal));
        Assert.Equal(2, fixture.PagesTo(ann).Count);
        Assert.NotEqual(minor, major);
    }

    [Fact]
    public async Task EscalateNow_FiresTheNextStepAtOnce_AndReassignPagesThePersonNamed()
    {
        var t = Tag();
        var (ann, bob, eve) = (await fixture.PersonAsync($"ann{t}"), await fixture.PersonAsync($"bob{t}"), await fixture.PersonAsync($"eve{t}"));
        var service = await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Manual",
            steps = new object[] { new { targets = new[] { $"user:ann{t}" }, delay = "30m" }, new { targets = new[] { $"user:bob{t}" }, delay = "30m" } },
        });
        var incident = await fixture.DeclareAsync(service);
        await fixture.Runner.RunDueAsync();

        await fixture.AdvanceAsync(TimeSpan.FromMinutes(2));
        var state = await Server.Responder.PostAsync($"/api/v1/incidents/{incident}/escalate", null).ExpectAsync(HttpStatusCode.OK);
        await fixture.Runner.RunDueAsync();
        Assert.Single(fixture.PagesTo(bob));
        Assert.Single(fixture.PagesTo(ann));

        await Server.Responder.PostAsJsonAsync($"/api/v1/incidents/{incident}/reassign", new { user = $"eve{t}", note = "database expert" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.OK);
        await fixture.Runner.RunDueAsync();
        var page = Assert.Single(fixture.PagesTo(eve));
        Assert.Contains("database expert", page.Json.GetProperty("incidents")[0].Str("reason"), StringComparison.Ordinal);
        await Server.Responder.PostAsJsonAsync($"/api/v1/incidents/{incident}/reassign", new { user = "nobody-here" }, HttpTesting.Json)
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Manual", state.Str("policyName"));
    }

    [Fact]
    public async Task TheAcknowledgeLinkInAPage_AcknowledgesAsThePersonPaged_WithoutSigningIn()
    {
        var t = Tag();
        var ann = await fixture.PersonAsync($"ann{t}");
        var bob = await fixture.PersonAsync($"bob{t}");
        var service = await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Link",
            steps = new object[] { new { targets = new[] { $"user:ann{t}" }, delay = "5m" }, new { targets = new[] { $"user:bob{t}" }, delay = "5m" } },
        });
        var incident = await fixture.DeclareAsync(service);
        await fixture.Runner.RunDueAsync();
        var link = Assert.Single(fixture.PagesTo(ann)).Json.GetProperty("incidents")[0].Str("acknowledge_url");

        using var browser = new HttpClient();
        var shown = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("<button", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var detail = await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("triggered", detail.Str("status"));

        var done = await browser.PostAsync(link, null);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var timeline = await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}/timeline").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(timeline.EnumerateArray(), e => e.Str("text").StartsWith("Acknowledged", StringComparison.Ordinal) && e.Str("actor") == $"ann{t}");
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Empty(fixture.PagesTo(bob));

        var forged = await browser.PostAsync(link[..^4] + "0000", null);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task APersonsRules_PageEachMethodAfterItsOwnDelay_AndSomeoneWithoutRules_OnEveryMethodAtOnce()
    {
        var t = Tag();
        var (ruled, plain) = ($"rue{t}", $"pia{t}");
        var ruledHook = await fixture.PersonAsync(ruled);
        var plainHook = await fixture.PersonAsync(plain);
        foreach (var person in new[] { ruled, plain })
        {
            await Server.Admin.PostAsJsonAsync($"/api/v1/users/{person}/contact-methods",
                new { kind = "slack", label = "chat", address = fixture.Receiver.Url($"/slack/{person}") }, HttpTesting.Json).ExpectAsync(HttpStatusCode.Created);
        }

        var methods = await Server.WithDbAsync(db => db.ContactMethods.Where(c => c.User!.Username == ruled).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        // Chat at once, the webhook 5 minutes later: the order of the rules, not of the methods.
        await Server.Admin.PutAsJsonAsync($"/api/v1/users/{ruled}/notification-rules",
            new { rules = new[] { new { contactMethodId = methods[0], delayMinutes = 5 }, new { contactMethodId = methods[1], delayMinutes = 0 } } },
            HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        var incident = await fixture.DeclareAsync(await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Both",
            steps = new[] { new { targets = new[] { $"user:{ruled}", $"user:{plain}" }, delay = "30m" } },
        }));

        await fixture.Runner.RunDueAsync();
        Assert.Single(fixture.PagesTo($"/slack/{ruled}"));
        Assert.Empty(fixture.PagesTo(ruledHook));
        Assert.Single(fixture.PagesTo(plainHook));
        Assert.Single(fixture.PagesTo($"/slack/{plain}"));

        await fixture.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Single(fixture.PagesTo(ruledHook));
        var lines = (await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}/timeline").ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray().Select(e => e.Str("text")).ToList();
        Assert.Contains(lines, l => l.Contains($"{plain} (webhook, slack)", StringComparison.Ordinal)
            && l.Contains($"{ruled} (slack, webhook after 5 min)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOpening_IsOneSave_ThatStoresTheIncidentWithItsEscalationAlreadyOnStepOne()
    {
        var t = Tag();
        var ann = await fixture.PersonAsync($"ann{t}");
        var serviceKey = await fixture.ServiceWithPolicyAsync(t, new { name = "One", steps = new[] { new { targets = new[] { $"user:ann{t}" }, delay = "5m" } } });
        await using var scope = Server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
        var opener = scope.ServiceProvider.GetRequiredService<IncidentOpener>();
        var level = (await scope.ServiceProvider.GetRequiredService<SeverityCatalog>().GetSchemeAsync()).Levels[1];
        var service = await db.Services.SingleAsync(s => s.Key == serviceKey);
        var saves = 0;
        db.SavingChanges += (_, _) => saves++;

        var incident = await opener.OpenAsync(new NewIncident("Disk full", level, service),
            Actor.System, Server.Clock.GetUtcNow(), default);
        await opener.SaveAsync(default);

        Assert.Equal(1, saves);
        var stored = await Server.WithDbAsync(async d => new
        {
            Steps = await d.IncidentEscalations.Where(e => e.IncidentId == incident.Id).Select(e => e.StepsFired).SingleAsync(),
            Pages = await d.NotificationDeliveries.CountAsync(n => n.IncidentId == incident.Id),
            Checklist = await d.ChecklistItems.CountAsync(c => c.IncidentId == incident.Id),
        });
        Assert.Equal(1, stored.Steps);
        Assert.Equal(1, stored.Pages);
        Assert.Equal(level.Checklist.Count, stored.Checklist);
        await fixture.Runner.RunDueAsync();
        Assert.Single(fixture.PagesTo(ann));
    }

    [Fact]
    public async Task IncidentIds_GivenBeforeTheSave_KeepStepWithIdsTheDatabaseGives()
    {
        var level = (await Server.App.Services.GetRequiredService<SeverityCatalog>().GetSchemeAsync()).Levels[1];
        async Task<long> ByTheDatabaseAsync() => await Server.WithDbAsync(async db =>
        {
            // The next number, as an opening would take it: a random one could meet a number the opener gives next.
            var number = (await db.Incidents.MaxAsync(i => (int?)i.Number) ?? 0) + 1;
            var row = new Incident { Number = number, Slug = $"db-{Tag()}", Title = "Stored directly", SeverityKey = level.Key };
            db.Incidents.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        async Task<long> ByTheOpenerAsync()
        {
            await using var scope = Server.App.Services.CreateAsyncScope();
            var opener = scope.ServiceProvider.GetRequiredService<IncidentOpener>();
            var first = await opener.OpenAsync(new NewIncident("First", level, null),
                Actor.System, Server.Clock.GetUtcNow(), default);
            var second = await opener.OpenAsync(new NewIncident("Second", level, null),
                Actor.System, Server.Clock.GetUtcNow(), default);
            await opener.SaveAsync(default);
            Assert.True(second.Id > first.Id);
            return second.Id;
        }

        var a = await ByTheDatabaseAsync();
        var b = await ByTheOpenerAsync();
        var c = await ByTheDatabaseAsync();
        var d = await ByTheOpenerAsync();
        Assert.True(a < b && b < c && c < d, $"{a} {b} {c} {d}");
    }

    [Fact]
    public async Task APage_NamesWhoElseTheSameStepPaged_AndNoOneFromAnotherIncident()
    {
        var t = Tag();
        var (ann, bob, cat) = (await fixture.PersonAsync($"ann{t}"), await fixture.PersonAsync($"bob{t}"), await fixture.PersonAsync($"cat{t}"));
        var pair = await fixture.ServiceWithPolicyAsync(t, new { name = "Pair", steps = new[] { new { targets = new[] { $"user:ann{t}", $"user:bob{t}" }, delay = "5m" } } });
        var alone = await fixture.ServiceWithPolicyAsync($"{t}b", new { name = "Alone", steps = new[] { new { targets = new[] { $"user:cat{t}" }, delay = "5m" } } });
        await fixture.DeclareAsync(pair);
        await fixture.DeclareAsync(alone);
        await fixture.Runner.RunDueAsync();

        string[] AlsoPaged(string path) =>
            [.. Assert.Single(fixture.PagesTo(path)).Json.GetProperty("incidents")[0].GetProperty("also_paged").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Equal([$"bob{t}"], AlsoPaged(ann));
        Assert.Equal([$"ann{t}"], AlsoPaged(bob));
        Assert.Empty(AlsoPaged(cat));
    }
}

public sealed class EscalationEngineTests_Sqlite(SqliteEngineFixture f) : EscalationEngineTests(f), IClassFixture<SqliteEngineFixture>;

public sealed class EscalationEngineTests_Postgres(PostgresEngineFixture f) : EscalationEngineTests(f), IClassFixture<PostgresEngineFixture>;
