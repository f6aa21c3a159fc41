using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Escalation;

/// <summary>
/// What happens when delivery goes wrong: a channel that fails is retried with backoff, then the person's other
/// channel is used, all on the timeline; a storm is bundled, and a failing bundle falls back too; a send a dead node may have made is made again.
/// </summary>
public abstract class DeliveryFailureTests(EngineFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<string> OnePersonPolicyAsync(string t, string person) => await fixture.ServiceWithPolicyAsync(t, new
    {
        name = "Single",
        steps = new[] { new { targets = new[] { $"user:{person}" }, delay = "30m" } },
    });

    [Fact]
    public async Task AFailingChannel_IsRetriedWithBackoff_ThenTheFallbackChannelIsUsed_AllOnTheTimeline()
    {
        var t = Tag();
        var person = $"fay{t}";
        await fixture.PersonAsync(person, "/status/500");
        var webhook = await Server.WithDbAsync(db => db.ContactMethods.Where(c => c.User!.Username == person).Select(c => c.Id).SingleAsync());
        await Server.Admin.PostAsJsonAsync($"/api/v1/users/{person}/contact-methods",
            new { kind = "slack", label = "team chat", address = fixture.Receiver.Url($"/slack/{person}") }, HttpTesting.Json).ExpectAsync(HttpStatusCode.Created);
        await Server.Admin.PutAsJsonAsync($"/api/v1/users/{person}/notification-rules",
            new { rules = new[] { new { contactMethodId = webhook, delayMinutes = 0 } } }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        var incident = await fixture.DeclareAsync(await OnePersonPolicyAsync(t, person));
        var failedBefore = fixture.PagesTo("/status/500").Count;

        await fixture.Runner.RunDueAsync();
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(fixture.PagesTo($"/slack/{person}"));
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, fixture.PagesTo("/status/500").Count - failedBefore);
        var chat = Assert.Single(fixture.PagesTo($"/slack/{person}"));
        Assert.Contains($"#{incident}", chat.Text, StringComparison.Ordinal);
        var state = await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}/escalation").ExpectAsync(HttpStatusCode.OK);
        var log = state.GetProperty("deliveries").EnumerateArray().Select(d => (d.Str("channel"), d.GetProperty("attempt").GetInt32(), d.Str("status"))).ToList();
        Assert.Equal([("webhook", 0, "failed"), ("webhook", 1, "failed"), ("webhook", 2, "failed"), ("slack", 0, "sent")], log);
        Assert.Contains("500", state.GetProperty("deliveries")[0].Str("error"), StringComparison.Ordinal);
        var lines = (await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}/timeline").ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray().Select(e => e.Str("text")).ToList();
        Assert.Contains(lines, l => l.Contains("retrying in 30 s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("retrying in 1 min", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("falling back to slack (team chat)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"Notified {person} by slack", StringComparison.Ordinal));

        // Three failures in a row opened the webhook's breaker: the next page skips it and goes straight to chat.
        var next = await fixture.DeclareAsync(await fixture.ServiceWithPolicyAsync($"{t}b", new
        {
            name = "Second",
            steps = new[] { new { targets = new[] { $"user:{person}" }, delay = "30m" } },
        }));
        await fixture.Runner.RunDueAsync();
        Assert.Equal(3, fixture.PagesTo("/status/500").Count - failedBefore);
        Assert.Equal(2, fixture.PagesTo($"/slack/{person}").Count);
        var second = await Server.Viewer.GetAsync($"/api/v1/incidents/{next}/escalation").ExpectAsync(HttpStatusCode.OK);
        Assert.StartsWith("circuit open after 3 failures in a row", second.GetProperty("deliveries")[0].Str("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStormToOnePerson_IsBundled_AfterTheBurstLimit_LeavingOutWhatWasAcknowledged()
    {
        var t = Tag();
        var person = $"sam{t}";
        var path = await fixture.PersonAsync(person);
        var service = await OnePersonPolicyAsync(t, person);
        var incidents = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            incidents.Add(await fixture.DeclareAsync(service, title: $"Storm {i}"));
            await fixture.Runner.RunDueAsync();
        }

        Assert.Equal(3, fixture.PagesTo(path).Count);
        await Server.Responder.PostAsync($"/api/v1/incidents/{incidents[4]}/acknowledge", null).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(1));

        var pages = fixture.PagesTo(path);
        Assert.Equal(4, pages.Count);
        var bundle = pages[^1].Json.GetProperty("incidents").EnumerateArray().Select(i => i.Str("reference")).ToList();
        Assert.Equal([$"#{incidents[3]}", $"#{incidents[5]}"], bundle);
        var state = await Server.Viewer.GetAsync($"/api/v1/incidents/{incidents[4]}/escalation").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("cancelled", state.GetProperty("deliveries")[0].Str("status"));
    }

    [Fact]
    public async Task AWebhookPointedAtTheCloudMetadataAddress_IsRefusedWhenEntered()
    {
        var person = $"mal{Tag()}";
        await fixture.PersonAsync(person);

        var refused = await Server.Responder.PostAsJsonAsync("/api/v1/me/contact-methods",
            new { kind = "webhook", address = "http://169.254.169.254/latest/meta-data/" }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("not an allowed destination", refused.GetProperty("errors").GetProperty("address")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingBundle_IsRetried_ThenEachPageFallsBackToTheNextChannel()
    {
        var t = Tag();
        var person = $"bea{t}";
        var path = await fixture.PersonAsync(person, $"/switch/{person}");
        var webhook = await Server.WithDbAsync(db => db.ContactMethods.Where(c => c.User!.Username == person).Select(c => c.Id).SingleAsync());
        await Server.Admin.PostAsJsonAsync($"/api/v1/users/{person}/contact-methods",
            new { kind = "slack", label = "team chat", address = fixture.Receiver.Url($"/slack/{person}") }, HttpTesting.Json).ExpectAsync(HttpStatusCode.Created);
        await Server.Admin.PutAsJsonAsync($"/api/v1/users/{person}/notification-rules",
            new { rules = new[] { new { contactMethodId = webhook, delayMinutes = 0 } } }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        var service = await OnePersonPolicyAsync(t, person);
        var incidents = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            incidents.Add(await fixture.DeclareAsync(service, title: $"Storm {i}"));
            await fixture.Runner.RunDueAsync();
        }

        Assert.Equal(3, fixture.PagesTo(path).Count);
        fixture.Receiver.Answer(person, 503);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(1));
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(fixture.PagesTo($"/slack/{person}"));
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(1));

        // Three bundles of the two held pages failed; then each page went to chat on its own.
        Assert.Equal(6, fixture.PagesTo(path).Count);
        var chat = fixture.PagesTo($"/slack/{person}").Select(p => p.Text).ToList();
        Assert.Equal(2, chat.Count);
        Assert.Contains(chat, c => c.Contains($"#{incidents[3]}", StringComparison.Ordinal));
        Assert.Contains(chat, c => c.Contains($"#{incidents[4]}", StringComparison.Ordinal));
        var lines = (await Server.Viewer.GetAsync($"/api/v1/incidents/{incidents[4]}/timeline").ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray().Select(e => e.Str("text")).ToList();
        Assert.Contains(lines, l => l.Contains("bundled webhook message", StringComparison.Ordinal) && l.Contains("retrying in 30 s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("falling back to slack (team chat)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"Notified {person} by slack", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADeliveryANodeDiedSending_IsSentAgain_WhenItsLeaseRunsOut_WithTheSameIdempotencyKey()
    {
        var t = Tag();
        var person = $"dee{t}";
        var path = await fixture.PersonAsync(person);
        var incident = await fixture.DeclareAsync(await OnePersonPolicyAsync(t, person));
        await fixture.Runner.RunDueAsync();
        var first = Assert.Single(fixture.PagesTo(path));

        // As a node leaves it that sent the page and died before recording it: still queued, under its lease.
        var now = Server.Clock.GetUtcNow();
        await Server.WithDbAsync(async db =>
        {
            var delivery = await db.NotificationDeliveries.SingleAsync(d => d.Username == person);
            delivery.Status = DeliveryStatus.Queued;
            delivery.FinishedAt = null;
            db.WorkItems.Add(new WorkItem
            {
                Kind = NotifyHandler.KindName,
                Payload = delivery.Id.ToString("N"),
                IncidentId = delivery.IncidentId,
                DueAt = now,
                CreatedAt = now,
                LeaseOwner = "dead-node/lease",
                LeaseUntil = now + TimeSpan.FromSeconds(30),
            });
            return await db.SaveChangesAsync();
        });

        await fixture.Runner.RunDueAsync();
        Assert.Single(fixture.PagesTo(path));
        await fixture.AdvanceAsync(TimeSpan.FromSeconds(31));

        var pages = fixture.PagesTo(path);
        Assert.Equal(2, pages.Count);
        Assert.Equal(first.Headers["Idempotency-Key"], pages[1].Headers["Idempotency-Key"]);
        Assert.Equal(DeliveryStatus.Sent, await Server.WithDbAsync(db => db.NotificationDeliveries.Where(d => d.Username == person).Select(d => d.Status).SingleAsync()));
        Assert.Equal(0, await Server.WithDbAsync(db => db.WorkItems.CountAsync(w => w.LeaseOwner == "dead-node/lease")));
        var lines = (await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}/timeline").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(e => e.Str("text"));
        Assert.Equal(2, lines.Count(l => l.StartsWith($"Notified {person} by webhook", StringComparison.Ordinal)));
    }
}

public sealed class DeliveryFailureTests_Sqlite(SqliteEngineFixture f) : DeliveryFailureTests(f), IClassFixture<SqliteEngineFixture>;

public sealed class DeliveryFailureTests_Postgres(PostgresEngineFixture f) : DeliveryFailureTests(f), IClassFixture<PostgresEngineFixture>;
