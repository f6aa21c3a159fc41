using System.Net;
using System.Text.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.StatusPage;

/// <summary>
/// Public incident updates posted from an incident: on the page and in Statuspage's incidents JSON at once, in its shapes,
/// as text; held for the commander's or an admin's approval when the incident or its severity asks for it.
/// </summary>
public abstract class PublicIncidentTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task PublicUpdates_PostedByResponder_ShowOnThePageAndInStatuspageJson()
    {
        await ApplyAsync("""
            services:
              - { key: basket, name: Basket }
            status_components:
              - { key: basket-ui, name: Basket UI, services: [basket] }
            """);
        var number = await DeclareAsync("Internal: db-7 disk full, page ops", "basket");
        var path = $"/api/v1/incidents/{number}/public-updates";

        var posted = await Server.Responder.PostJsonAsync(path, new { status = "investigating", title = "Basket <b>slow</b>", body = "We are <script>alert(1)</script> looking into it." })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.False(posted.GetProperty("pending").GetBoolean());

        var unresolved = await GetJsonAsync("incidents/unresolved");
        StatuspageShape.Matches("unresolved", unresolved);
        var incident = unresolved.GetProperty("incidents").EnumerateArray().Single(i => i.Str("name") == "Basket <b>slow</b>");
        Assert.Equal("Basket <b>slow</b>", incident.Str("name"));
        Assert.Equal("investigating", incident.Str("status"));
        Assert.Equal("major", incident.Str("impact"));
        Assert.Equal(["basket-ui"], incident.GetProperty("components").EnumerateArray().Select(c => c.Str("id")));
        Assert.Equal("We are <script>alert(1)</script> looking into it.", incident.GetProperty("incident_updates")[0].Str("body"));
        Assert.Contains((await GetJsonAsync("summary")).GetProperty("incidents").EnumerateArray(), i => i.Str("id") == incident.Str("id"));
        // The overall line counts the unresolved incident by its impact, as Statuspage does, though no component was set.
        Assert.Equal("major", (await GetJsonAsync("status")).GetProperty("status").Str("indicator"));

        // The page shows the update as text, and nothing of the internal incident.
        var html = await Server.Anonymous.GetStringAsync("/status");
        Assert.Contains("Basket &lt;b&gt;slow&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("We are &lt;script&gt;alert(1)&lt;/script&gt; looking into it.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("db-7", html, StringComparison.Ordinal);

        Server.Clock.Advance(TimeSpan.FromMinutes(5));
        await Server.Responder.PostJsonAsync(path, new { status = "monitoring", body = "A fix is out; we are watching." }).ExpectAsync(HttpStatusCode.Created);
        Server.Clock.Advance(TimeSpan.FromMinutes(5));
        await Server.Responder.PostJsonAsync(path, new { status = "resolved", body = "Baskets work normally again." }).ExpectAsync(HttpStatusCode.Created);

        Assert.DoesNotContain((await GetJsonAsync("incidents/unresolved")).GetProperty("incidents").EnumerateArray(), i => i.Str("id") == incident.Str("id"));
        var all = await GetJsonAsync("incidents");
        StatuspageShape.Matches("incidents", all);
        var done = all.GetProperty("incidents").EnumerateArray().Single(i => i.Str("id") == incident.Str("id"));
        Assert.Equal("resolved", done.Str("status"));
        Assert.Equal(["resolved", "monitoring", "investigating"], done.GetProperty("incident_updates").EnumerateArray().Select(u => u.Str("status")));
        Assert.True(done.GetProperty("monitoring_at").GetDateTimeOffset() < done.GetProperty("resolved_at").GetDateTimeOffset());
        Assert.Equal("Basket <b>slow</b>", done.Str("name"));
        Assert.Contains("Past incidents", await Server.Anonymous.GetStringAsync("/status"), StringComparison.Ordinal);

        var listed = await Server.Viewer.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, listed.GetProperty("updates").GetArrayLength());
        var timeline = (await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK)).GetProperty("timeline").EnumerateArray();
        Assert.Equal(3, timeline.Count(t => t.Str("kind") == "public_update"));
        Assert.Equal(3, await Server.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(a => a.Action == "public_update.post" && a.Resource == $"incident/{number}/public-updates")));
    }

    [Fact]
    public async Task Approval_SetOnTheIncident_HoldsUpdatesUntilTheCommanderApproves()
    {
        var number = await DeclareAsync("Token leak suspected", null);
        var path = $"/api/v1/incidents/{number}/public-updates";
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/roles", new { role = "commander", user = "adam" }).ExpectAsync(HttpStatusCode.OK);
        var other = Server.Client(await Server.CreateUserWithTokenAsync("ruth", Role.Responder));

        var set = await other.PutAsync($"{path}/approval", JsonContent(new { required = true })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(set.GetProperty("needsApproval").GetBoolean());
        // Only the commander or an admin lets posts out unchecked again.
        await other.PutAsync($"{path}/approval", JsonContent(new { required = false })).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var pending = await other.PostJsonAsync(path, new { status = "identified", title = "Sign-in issue", body = "We have found the cause." }).ExpectAsync(HttpStatusCode.Created);
        Assert.True(pending.GetProperty("pending").GetBoolean());
        Assert.DoesNotContain((await GetJsonAsync("incidents")).GetProperty("incidents").EnumerateArray(), i => i.Str("name") == "Sign-in issue");

        var id = pending.GetProperty("id").GetInt64();
        await other.PostAsync($"{path}/{id}/approve", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var approved = await Server.Admin.PostAsync($"{path}/{id}/approve", null).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("adam", approved.Str("approvedBy"));
        await Server.Admin.PostAsync($"{path}/{id}/approve", null).ExpectProblemAsync(HttpStatusCode.Conflict);

        var shown = (await GetJsonAsync("incidents/unresolved")).GetProperty("incidents").EnumerateArray().Single(i => i.Str("name") == "Sign-in issue");
        Assert.Equal("identified", shown.Str("status"));
        var texts = (await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK)).GetProperty("timeline").EnumerateArray()
            .Where(t => t.Str("kind") == "public_update").Select(t => t.Str("text")).ToList();
        Assert.Contains(texts, t => t.Contains("awaiting approval", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("approved and published", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeverityWithExternalCommsNeedsApproval_HoldsUpdates()
    {
        await ApplyAsync("""
            severity:
              levels:
                - { key: SEV-1, name: Critical, external_comms: needs_approval }
                - { key: SEV-2, name: Major }
                - { key: SEV-3, name: Minor }
                - { key: SEV-4, name: Low }
            """);
        var number = await DeclareAsync("Breach", null, "SEV-1");
        var posted = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/public-updates", new { status = "investigating", body = "Looking into it." })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.True(posted.GetProperty("pending").GetBoolean());
        var state = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/public-updates").ExpectAsync(HttpStatusCode.OK);
        Assert.True(state.GetProperty("severityNeedsApproval").GetBoolean());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("name").ValueKind);
    }

    [Fact]
    public async Task HistoryFeed_IsAtom_WithUpdatesAsEscapedHtml_AndTheHeadLinksIt()
    {
        var number = await DeclareAsync("Feed incident", null);
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/public-updates", new { status = "identified", title = "Feed & <Title>", body = "Cause: <img src=x onerror=alert(1)>" })
            .ExpectAsync(HttpStatusCode.Created);

        using var response = await Server.Anonymous.GetAsync("/status/history.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        var feed = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(atom + "feed", feed.Name);
        Assert.False(string.IsNullOrEmpty(feed.Element(atom + "id")?.Value));
        Assert.False(string.IsNullOrEmpty(feed.Element(atom + "title")?.Value));
        Assert.True(DateTimeOffset.TryParse(feed.Element(atom + "updated")?.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
        var entry = feed.Elements(atom + "entry").Single(e => e.Element(atom + "title")?.Value == "Feed & <Title>");
        Assert.False(string.IsNullOrEmpty(entry.Element(atom + "id")?.Value));
        Assert.StartsWith("http", entry.Element(atom + "link")?.Attribute("href")?.Value, StringComparison.Ordinal);
        var content = entry.Element(atom + "content")!;
        Assert.Equal("html", content.Attribute("type")?.Value);
        // The HTML a reader renders carries the body as text.
        Assert.Contains("Cause: &lt;img src=x onerror=alert(1)&gt;", content.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", content.Value, StringComparison.Ordinal);

        var html = await Server.Anonymous.GetStringAsync("/status");
        // The renderer writes the + of atom+xml as &#x2B;, which a browser reads back as +.
        Assert.Matches("<link rel=\"alternate\" type=\"application/atom(\\+|&#x2B;)xml\" href=\"status/history.atom\"", html);
    }

    [Fact]
    public async Task BadInput_GetsProblems_AndPublishesNothing()
    {
        var number = await DeclareAsync("Quiet one", null);
        var path = $"/api/v1/incidents/{number}/public-updates";
        var status = await Server.Responder.PostJsonAsync(path, new { status = "on_fire", body = "x" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("investigating", status.GetRawText(), StringComparison.Ordinal);
        var body = await Server.Responder.PostJsonAsync(path, new { status = "investigating", body = "  " }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty("body", out _));
        await Server.Responder.PostJsonAsync("/api/v1/incidents/99999/public-updates", new { status = "investigating", body = "x" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Viewer.PostJsonAsync(path, new { status = "investigating", body = "x" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Anonymous.PostJsonAsync(path, new { status = "investigating", body = "x" }).ExpectAsync(HttpStatusCode.Unauthorized);
        await Server.Responder.PostAsync($"{path}/12345/approve", null).ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Anonymous.GetAsync("/status/api/v2/incidents/nope.json").ExpectProblemAsync(HttpStatusCode.NotFound);

        var state = await Server.Viewer.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(state.GetProperty("updates").EnumerateArray());
        Assert.Equal("Quiet one", state.Str("defaultTitle"));
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, HttpTesting.Json), System.Text.Encoding.UTF8, "application/json");

    private async Task<int> DeclareAsync(string title, string? service, string severity = "SEV-2")
    {
        var created = await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title, severity, service }).ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("number").GetInt32();
    }

    private async Task ApplyAsync(string yaml)
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", yaml);
        await using var scope = Server.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default);
        Assert.Empty(result.Errors);
    }

    private async Task<JsonElement> GetJsonAsync(string document)
    {
        using var response = await Server.Anonymous.GetAsync($"/status/api/v2/{document}.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}

public sealed class PublicIncidentTests_Sqlite(SqliteServerFixture f) : PublicIncidentTests(f), IClassFixture<SqliteServerFixture>;

public sealed class PublicIncidentTests_Postgres(PostgresServerFixture f) : PublicIncidentTests(f), IClassFixture<PostgresServerFixture>;
