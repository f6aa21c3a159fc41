using System.Globalization;
using System.Net;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.StatusPage;

/// <summary>One recording receiver and one server with two components, the engine run by hand on a fake clock.</summary>
public abstract class WebhookSubscriberFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public RecordingReceiver Receiver { get; private set; } = null!;

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await RecordingReceiver.StartAsync();
        Server = await RunningServer.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Firebreak:Engine:Background"] = "false",
            ["Firebreak:StatusPage:Name"] = "Acme status",
        });
        using var dir = new TempDir();
        dir.Write("config.yaml", """
            status_components:
              - { key: api, name: Public API }
              - { key: web, name: Web app }
            """);
        await using var scope = Server.App.Services.CreateAsyncScope();
        Assert.Empty((await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default)).Errors);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class SqliteWebhookSubscriberFixture() : WebhookSubscriberFixture(DatabaseProvider.Sqlite);

public sealed class PostgresWebhookSubscriberFixture() : WebhookSubscriberFixture(DatabaseProvider.Postgres);

/// <summary>
/// Webhook subscribers of the status page: made by admins under the outbound rules, the secret shown once; told the
/// same notices as email subscribers (component changes, published public updates) as signed JSON, per component, at
/// most one per five minutes; retried when the receiver is down, never again after a 4xx.
/// </summary>
public abstract class StatusWebhookSubscriberTests(WebhookSubscriberFixture fixture)
{
    private const string Api = "/api/v1/status-subscribers";

    private readonly string _t = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private List<ReceivedRequest> PostsTo(string path) => [.. fixture.Receiver.Requests.Where(r => r.Path == path)];

    private async Task RunDueAsync(TimeSpan by)
    {
        Server.Clock.Advance(by);
        await Server.App.Services.GetRequiredService<WorkRunner>().RunDueAsync();
    }

    private Task<System.Text.Json.JsonElement> SetAsync(string component, string status) =>
        Server.Responder.PutAsync($"/api/v1/status-components/{component}/status", System.Net.Http.Json.JsonContent.Create(new { status })).ExpectAsync(HttpStatusCode.OK);

    private static void Signed(ReceivedRequest post, string secret)
    {
        var timestamp = long.Parse(post.Header(WebhookSignature.TimestampHeader)!, CultureInfo.InvariantCulture);
        Assert.True(WebhookSignature.Verify(secret, timestamp, post.Body, post.Header(WebhookSignature.Header)), "the signature does not verify");
        Assert.Equal(post.Json.Str("id"), post.Header(WebhookSignature.IdempotencyHeader));
    }

    [Fact]
    public async Task AnAdminsWebhookSubscriber_GetsSignedNoticesOfItsComponents_AndPublicUpdates_AtMostOnePerFiveMinutes()
    {
        var apiHook = fixture.Receiver.Url($"/api-hook/{_t}");
        var webHook = fixture.Receiver.Url($"/web-hook/{_t}");
        await Server.Responder.PostJsonAsync(Api, new { kind = "webhook", url = apiHook }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Admin.PostJsonAsync(Api, new { kind = "email", url = apiHook }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var refused = await Server.Admin.PostJsonAsync(Api, new { kind = "webhook", url = "http://10.1.2.3/hook" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("url", out _));
        await Server.Admin.PostJsonAsync(Api, new { kind = "webhook", url = apiHook, components = new[] { "nope" } }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Admin.PostJsonAsync(Api, new { kind = "webhook", url = apiHook, secret = "short" }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var created = await Server.Admin.PostJsonAsync(Api, new { kind = "webhook", url = apiHook, components = new[] { "api" } }).ExpectAsync(HttpStatusCode.Created);
        var secret = created.Str("secret");
        Assert.Equal(64, secret.Length);
        const string given = "a-secret-the-admin-chose";
        var other = await Server.Admin.PostJsonAsync(Api, new { kind = "webhook", url = webHook, components = new[] { "web" }, secret = given }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, other.GetProperty("secret").ValueKind);
        var listed = (await Server.Admin.GetAsync($"{Api}/webhooks").ExpectAsync(HttpStatusCode.OK)).GetRawText();
        Assert.Contains(apiHook, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(given, listed, StringComparison.Ordinal);
        Assert.DoesNotContain($"/api-hook/{_t}", await Server.Anonymous.GetStringAsync("/status"), StringComparison.Ordinal);
        Assert.True(await Server.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(a => a.Action == "status_subscriber.create" && a.Resource.StartsWith("status-webhook-subscriber/"))) >= 2);

        await SetAsync("api", "major_outage");
        await RunDueAsync(TimeSpan.Zero);
        var first = Assert.Single(PostsTo($"/api-hook/{_t}"));
        Assert.Empty(PostsTo($"/web-hook/{_t}"));
        Signed(first, secret);
        Assert.Equal("status_notice", first.Json.Str("type"));
        Assert.Equal("Acme status", first.Json.GetProperty("page").Str("name"));
        var changed = Assert.Single(first.Json.GetProperty("changed").EnumerateArray());
        Assert.Equal(("api", "major_outage", "operational"), (changed.Str("key"), changed.Str("status"), changed.Str("was")));
        Assert.Equal(["api"], first.Json.GetProperty("components").EnumerateArray().Select(c => c.Str("key")));

        // Within five minutes of the last notice nothing goes; then the changes in between, together.
        await SetAsync("api", "operational");
        await RunDueAsync(TimeSpan.FromMinutes(1));
        Assert.Single(PostsTo($"/api-hook/{_t}"));
        await RunDueAsync(TimeSpan.FromMinutes(4));
        var second = PostsTo($"/api-hook/{_t}")[^1];
        Assert.Equal(2, PostsTo($"/api-hook/{_t}").Count);
        Assert.Equal("operational", Assert.Single(second.Json.GetProperty("changed").EnumerateArray()).Str("status"));

        // A public update about no component in particular concerns every subscriber.
        var incident = (await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = $"Internal db-7 {_t}", severity = "SEV-2" }).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("number").GetInt32();
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{incident}/public-updates", new { status = "investigating", title = "Slow logins", body = "We are looking into it." })
            .ExpectAsync(HttpStatusCode.Created);
        await RunDueAsync(TimeSpan.FromMinutes(5));
        var told = Assert.Single(PostsTo($"/web-hook/{_t}"));
        Signed(told, given);
        var update = Assert.Single(told.Json.GetProperty("incident_updates").EnumerateArray());
        Assert.Equal(("Slow logins", "investigating", "We are looking into it."), (update.Str("incident"), update.Str("status"), update.Str("body")));
        Assert.Empty(told.Json.GetProperty("changed").EnumerateArray());
        Assert.DoesNotContain("db-7", told.Text, StringComparison.Ordinal);
        Assert.Equal(3, PostsTo($"/api-hook/{_t}").Count);
    }

    [Fact]
    public async Task AReceiverAnswering4xx_IsNotTriedAgain_WhileA503IsRetriedWithBackoff_AndDeletingStopsIt()
    {
        fixture.Receiver.Answer(_t, 503);
        var gone = await Server.Admin.PostJsonAsync(Api, new { kind = "webhook", url = fixture.Receiver.Url("/status/410"), components = new[] { "web" } }).ExpectAsync(HttpStatusCode.Created);
        var flaky = await Server.Admin.PostJsonAsync(Api, new { kind = "webhook", url = fixture.Receiver.Url($"/switch/{_t}"), components = new[] { "web" } }).ExpectAsync(HttpStatusCode.Created);

        await SetAsync("web", "degraded_performance");
        await RunDueAsync(TimeSpan.Zero);
        Assert.Single(PostsTo("/status/410"));
        Assert.Single(PostsTo($"/switch/{_t}"));

        fixture.Receiver.Answer(_t, 200);
        await RunDueAsync(TimeSpan.FromMinutes(1));
        await RunDueAsync(TimeSpan.FromHours(2));
        Assert.Single(PostsTo("/status/410"));
        var retried = PostsTo($"/switch/{_t}");
        Assert.Equal(2, retried.Count);
        Assert.Equal(retried[0].Json.Str("id"), retried[1].Json.Str("id"));

        await Server.Admin.DeleteAsync($"{Api}/webhooks/{flaky.GetProperty("id").GetInt64()}").ExpectAsync(HttpStatusCode.NoContent);
        await Server.Admin.DeleteAsync($"{Api}/webhooks/{gone.GetProperty("id").GetInt64()}").ExpectAsync(HttpStatusCode.NoContent);
        await SetAsync("web", "operational");
        await RunDueAsync(TimeSpan.FromHours(1));
        Assert.Equal(2, PostsTo($"/switch/{_t}").Count);
    }
}

public sealed class StatusWebhookSubscriberTests_Sqlite(SqliteWebhookSubscriberFixture f) : StatusWebhookSubscriberTests(f), IClassFixture<SqliteWebhookSubscriberFixture>;

public sealed class StatusWebhookSubscriberTests_Postgres(PostgresWebhookSubscriberFixture f) : StatusWebhookSubscriberTests(f), IClassFixture<PostgresWebhookSubscriberFixture>;
