using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.StatusPage;

/// <summary>
/// The public status page: components from config, statuses set by responders, the page and Statuspage's JSON served
/// without sign-in from memory, revalidated by ETag. Only the first test changes a status away from operational, so the
/// page's overall line is this class's to check.
/// </summary>
public abstract class StatusPageTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task ComponentsFromConfig_StatusSetByResponder_ShowOnThePageAndInStatuspageJson()
    {
        await ApplyAsync("""
            services:
              - { key: shop, name: Shop }
            status_components:
              - { key: storefront, name: Storefront, group: Shopping, services: [shop] }
              - { key: payments, name: Payments, group: Shopping, description: Card and wallet payments }
              - { key: api, name: Public API }
            """);

        var summary = await FreshAsync("summary", s => Component(s, "storefront") is not null);
        Assert.Equal("firebreak", summary.GetProperty("page").Str("id"));
        Assert.EndsWith("/status", summary.GetProperty("page").Str("url"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, summary.GetProperty("incidents").ValueKind);
        Assert.Equal(JsonValueKind.Array, summary.GetProperty("scheduled_maintenances").ValueKind);
        var storefront = Component(summary, "storefront")!.Value;
        Assert.Equal("operational", storefront.Str("status"));
        Assert.False(storefront.GetProperty("group").GetBoolean());
        var group = summary.GetProperty("components").EnumerateArray().Single(c => c.Str("name") == "Shopping");
        Assert.True(group.GetProperty("group").GetBoolean());
        Assert.Equal(["storefront", "payments"], group.GetProperty("components").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(group.Str("id"), storefront.Str("group_id"));
        Assert.Equal("Card and wallet payments", Component(summary, "payments")!.Value.Str("description"));

        var set = await Server.Responder.PutAsJsonAsync("/api/v1/status-components/payments/status", new { status = "partial_outage" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("partial_outage", set.Str("status"));

        // A change made on this node is on the page at once, without waiting for the refresh.
        var after = await GetJsonAsync("summary");
        Assert.Equal("partial_outage", Component(after, "payments")!.Value.Str("status"));
        Assert.Equal("partial_outage", after.GetProperty("components").EnumerateArray().Single(c => c.Str("name") == "Shopping").Str("status"));
        Assert.Equal("major", after.GetProperty("status").Str("indicator"));
        Assert.Equal("Partial System Outage", after.GetProperty("status").Str("description"));
        var status = await GetJsonAsync("status");
        Assert.Equal("major", status.GetProperty("status").Str("indicator"));
        Assert.Equal(JsonValueKind.Array, (await GetJsonAsync("components")).GetProperty("components").ValueKind);

        var html = await Server.Anonymous.GetStringAsync("/status");
        Assert.Contains("Partial System Outage", html, StringComparison.Ordinal);
        Assert.Contains("Partial outage", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"uptime\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(1, await Server.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(a => a.Action == "status_component.update" && a.Resource == "status-component/payments")));
        Assert.Equal(1, await Server.WithDbAsync(db => db.Set<Firebreak.Server.Features.StatusPage.StatusComponentChange>().CountAsync()));
    }

    [Fact]
    public async Task PublicDocuments_CarryETag_AndAnswer304WhenUnchanged()
    {
        await ApplyAsync("""
            status_components:
              - { key: search-box, name: "Search <script>alert(1)</script>" }
            """);
        await FreshAsync("summary", s => Component(s, "search-box") is not null);

        foreach (var path in new[] { "/status", "/status/api/v2/summary.json" })
        {
            using var first = await Server.Anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            Assert.NotNull(first.Content.Headers.LastModified);
            Assert.Contains("max-age", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(etag!);
            using var second = await Server.Anonymous.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        }

        // A name is text on the page, never markup.
        var html = await Server.Anonymous.GetStringAsync("/status");
        Assert.Contains("Search &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PublicDocuments_AreAnsweredStraightAfterRouting_AndKeepTheirHeaders()
    {
        // Served as static files are, past sign-in, authorization, rate limits and antiforgery; the forms beside them are not.
        // (ShortCircuit()'s marker type is internal to ASP.NET Core, hence its name.)
        var endpoints = Server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        static bool ShortCircuits(RouteEndpoint e) => e.Metadata.Any(m => m.GetType().Name == "ShortCircuitMetadata");
        foreach (var pattern in new[] { "/status/", "/status/history.atom", "/status/api/v2/{document}.json", "/status/api/v2/{folder}/{document}.json" })
        {
            Assert.True(ShortCircuits(endpoints.Single(e => e.RoutePattern.RawText == pattern)), $"{pattern} goes through the whole pipeline");
        }

        Assert.DoesNotContain(endpoints, e => e.RoutePattern.RawText?.StartsWith("/status/subscri", StringComparison.Ordinal) == true && ShortCircuits(e));

        // A reader whose browser still sends a stale token gets the page as anyone does, with every header it had.
        foreach (var (path, type) in new[] { ("/status", "text/html"), ("/status/api/v2/summary.json", "application/json"), ("/status/history.atom", "application/atom+xml") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new("Bearer", "not-a-token");
            using var response = await Server.Anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("public, max-age=10", response.Headers.CacheControl?.ToString());
            Assert.NotNull(response.Content.Headers.LastModified);
            var etag = response.Headers.ETag;
            Assert.NotNull(etag);

            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(etag!);
            using var notModified = await Server.Anonymous.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(etag, notModified.Headers.ETag);
            Assert.Equal("public, max-age=10", notModified.Headers.CacheControl?.ToString());
        }

        await Server.Anonymous.GetAsync("/status/api/v2/nothing.json").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadInput_GetsProblems_AndChangesNothing()
    {
        await ApplyAsync("""
            status_components:
              - { key: docs-site, name: Docs }
            """);

        await Server.Anonymous.PutAsJsonAsync("/api/v1/status-components/docs-site/status", new { status = "major_outage" }, HttpTesting.Json).ExpectAsync(HttpStatusCode.Unauthorized);
        await Server.Viewer.PutAsJsonAsync("/api/v1/status-components/docs-site/status", new { status = "major_outage" }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var invalid = await Server.Responder.PutAsJsonAsync("/api/v1/status-components/docs-site/status", new { status = "down" }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("major_outage", invalid.GetRawText(), StringComparison.Ordinal);
        await Server.Responder.PutAsJsonAsync("/api/v1/status-components/nope/status", new { status = "major_outage" }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Anonymous.GetAsync("/status/api/v2/nothing.json").ExpectProblemAsync(HttpStatusCode.NotFound);

        var listed = await Server.Viewer.GetAsync("/api/v1/status-components").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("operational", listed.EnumerateArray().Single(c => c.Str("key") == "docs-site").Str("status"));
    }

    [Fact]
    public async Task Config_ComponentNamingAnUnknownService_IsAnErrorAtItsLine()
    {
        using var dir = new TempDir();
        dir.Write("status.yaml", """
            status_components:
              - { key: ok-one, name: Fine }
              - { key: broken, name: Broken, services: [no-such-service] }
              - { key: Bad Key, name: Bad }
            """);
        await using var scope = Server.App.Services.CreateAsyncScope();
        var plan = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().PlanAsync(dir.Path, default);
        Assert.Contains(plan.Errors, e => e.Contains("status.yaml:3", StringComparison.Ordinal) && e.Contains("unknown service 'no-such-service'", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.Contains("status.yaml:4", StringComparison.Ordinal) && e.Contains("lower-case", StringComparison.Ordinal));
    }

    private async Task ApplyAsync(string yaml)
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", yaml);
        await using var scope = Server.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default);
        Assert.Empty(result.Errors);
    }

    // Config apply changes the page through the refresh (it may run on another node): move the clock past it and poll.
    private Task<JsonElement> FreshAsync(string document, Func<JsonElement, bool> done)
    {
        Server.Clock.Advance(TimeSpan.FromSeconds(6));
        return Eventually.WaitForAsync(() => GetJsonAsync(document), done, TimeSpan.FromSeconds(10), $"{document}.json showing the applied config");
    }

    private async Task<JsonElement> GetJsonAsync(string document)
    {
        using var response = await Server.Anonymous.GetAsync($"/status/api/v2/{document}.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadJsonAsync();
    }

    private static JsonElement? Component(JsonElement summary, string key) =>
        summary.GetProperty("components").EnumerateArray().Where(c => c.Str("id") == key).Select(c => (JsonElement?)c).FirstOrDefault();
}

public sealed class StatusPageTests_Sqlite(SqliteServerFixture f) : StatusPageTests(f), IClassFixture<SqliteServerFixture>;

public sealed class StatusPageTests_Postgres(PostgresServerFixture f) : StatusPageTests(f), IClassFixture<PostgresServerFixture>;
