using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Firebreak.Server.Features.ActionItems;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.ActionItems;

/// <summary>A server with two trackers configured: one signed (that can be told to fail), one not, on a real receiver.</summary>
public abstract class ActionItemWebhookFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public const string Secret = "tracker-signing-secret-for-tests";
    public const string SignedPath = "/switch/tracker";
    public const string UnsignedPath = "/hooks/unsigned-tracker";

    public RecordingReceiver Receiver { get; private set; } = null!;

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await RecordingReceiver.StartAsync();
        Server = await RunningServer.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Firebreak:ActionItems:Webhooks:0:Url"] = Receiver.Url(SignedPath),
            ["Firebreak:ActionItems:Webhooks:0:Secret"] = Secret,
            ["Firebreak:ActionItems:Webhooks:1:Url"] = Receiver.Url(UnsignedPath),
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class SqliteActionItemWebhookFixture() : ActionItemWebhookFixture(DatabaseProvider.Sqlite);

public sealed class PostgresActionItemWebhookFixture() : ActionItemWebhookFixture(DatabaseProvider.Postgres);

/// <summary>Every follow-up created or changed is posted to each configured tracker, signed, retried while it is down.</summary>
public abstract class ActionItemWebhookTests(ActionItemWebhookFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private RecordingReceiver Receiver => fixture.Receiver;

    private async Task<string> CreateAsync(string title)
    {
        var incident = (await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = "Queue backlog", severity = "SEV-2" }).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("number").GetInt32();
        return (await Server.Responder.PostJsonAsync("/api/v1/action-items", new { title, incident = $"{incident}", priority = "P0" }).ExpectAsync(HttpStatusCode.Created)).Str("key");
    }

    private Task<List<ReceivedRequest>> PostsAsync(string path, string key, int count) =>
        Eventually.WaitForAsync(
            () => Task.FromResult(Receiver.Requests.Where(r => r.Path == path && r.Json.GetProperty("item").Str("key") == key).ToList()),
            found => found.Count >= count, TimeSpan.FromSeconds(15), $"{count} post(s) of {key} to {path}");

    private static string Sign(string secret, string timestamp, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));

    [Fact]
    public async Task CreateAndChange_PostEachEventToEveryTracker_SignedWhereThereIsASecret()
    {
        var key = await CreateAsync("Page on queue depth, not age");
        await Server.Responder.PatchJsonAsync($"/api/v1/action-items/{key}", new { status = "done", link = "https://tracker.example/OPS-7" }).ExpectAsync(HttpStatusCode.OK);

        var signed = await PostsAsync(ActionItemWebhookFixture.SignedPath, key, 2);
        var unsigned = await PostsAsync(ActionItemWebhookFixture.UnsignedPath, key, 2);

        var created = signed.Single(r => r.Json.Str("event") == "action_item.created").Json;
        Assert.Equal("Page on queue depth, not age", created.GetProperty("item").Str("title"));
        Assert.Equal("P0", created.GetProperty("item").Str("priority"));
        Assert.Equal("open", created.GetProperty("item").Str("status"));
        Assert.Equal(0, created.GetProperty("changes").GetArrayLength());
        var updated = signed.Single(r => r.Json.Str("event") == "action_item.updated").Json;
        Assert.Equal("done", updated.GetProperty("item").Str("status"));
        Assert.Equal(JsonValueKind.String, updated.GetProperty("item").GetProperty("closed_at").ValueKind);
        var changes = updated.GetProperty("changes").EnumerateArray().Select(c => (c.Str("field"), c.GetProperty("from").GetString(), c.GetProperty("to").GetString())).ToList();
        Assert.Equal([("link", null, "https://tracker.example/OPS-7"), ("status", "open", "done")], changes);

        foreach (var request in signed)
        {
            var timestamp = request.Header("X-Firebreak-Timestamp")!;
            Assert.Equal(Server.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
            Assert.Equal(Sign(ActionItemWebhookFixture.Secret, timestamp, request.Body), request.Header("X-Firebreak-Signature"));
            Assert.StartsWith("action-item-post-", request.Header("Idempotency-Key"), StringComparison.Ordinal);
        }

        Assert.All(unsigned, r => Assert.Null(r.Header("X-Firebreak-Signature")));
        Assert.Equal(signed.Select(r => r.Text).Order(), unsigned.Select(r => r.Text).Order());
    }

    [Fact]
    public async Task TrackerDown_IsTriedAgainLater_WithTheSameKeyAndBody()
    {
        Receiver.Answer("tracker", 503);
        try
        {
            var key = await CreateAsync("Runbook for a stuck consumer");
            var failed = Assert.Single(await PostsAsync(ActionItemWebhookFixture.SignedPath, key, 1));
            await PostsAsync(ActionItemWebhookFixture.UnsignedPath, key, 1);
            await Server.WorkAtRestAsync();
            var waiting = Assert.Single(await Server.WithDbAsync(db => db.ActionItemWebhookPosts.AsNoTracking().ToListAsync()));
            Assert.Equal(Server.Clock.GetUtcNow() + ActionItemWebhookHandler.RetryAfter(1), waiting.NextAttemptAt);

            Receiver.Answer("tracker", 200);
            Server.Clock.Advance(ActionItemWebhookHandler.RetryAfter(1));

            var both = await PostsAsync(ActionItemWebhookFixture.SignedPath, key, 2);
            Assert.Equal(failed.Header("Idempotency-Key"), both[1].Header("Idempotency-Key"));
            Assert.Equal(failed.Text, both[1].Text);
            await Server.WorkAtRestAsync();
            Assert.False(await Server.WithDbAsync(db => db.ActionItemWebhookPosts.AnyAsync()));
            Assert.Single(Receiver.Requests, r => r.Path == ActionItemWebhookFixture.UnsignedPath && r.Json.GetProperty("item").Str("key") == key);
        }

        finally
        {
            Receiver.Answer("tracker", 200);
        }
    }
}

public sealed class ActionItemWebhookTests_Sqlite(SqliteActionItemWebhookFixture f) : ActionItemWebhookTests(f), IClassFixture<SqliteActionItemWebhookFixture>;

public sealed class ActionItemWebhookTests_Postgres(PostgresActionItemWebhookFixture f) : ActionItemWebhookTests(f), IClassFixture<PostgresActionItemWebhookFixture>;
