using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.StatusPage;

/// <summary>One maildev and one server sending to it, for a class of subscriber tests.</summary>
public abstract class SubscriberFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public RealMaildev Maildev { get; private set; } = null!;

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Maildev = await RealMaildev.StartAsync();
        Server = await RunningServer.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Firebreak:Smtp:Host"] = "127.0.0.1",
            ["Firebreak:Smtp:Port"] = Maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Firebreak:Smtp:From"] = "status@firebreak.test",
            ["Firebreak:Smtp:TimeoutSeconds"] = "5",
            ["Firebreak:StatusPage:Name"] = "Acme status",
        });
        using var dir = new TempDir();
        dir.Write("config.yaml", """
            status_components:
              - { key: api, name: Public API }
              - { key: web, name: "Web <b>app</b>" }
            """);
        await using var scope = Server.App.Services.CreateAsyncScope();
        Assert.Empty((await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default)).Errors);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Maildev.DisposeAsync();
    }
}

public sealed class SqliteSubscriberFixture() : SubscriberFixture(DatabaseProvider.Sqlite);

public sealed class PostgresSubscriberFixture() : SubscriberFixture(DatabaseProvider.Postgres);

/// <summary>
/// Email subscribers of the public status page through a real SMTP server: double opt-in, a notice per change of a
/// watched component (at most one per five minutes, changes in between told together), one-click unsubscribe, and
/// addresses that appear on no public page.
/// </summary>
public abstract partial class StatusSubscriberTests(SubscriberFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Subscribe_Confirm_ComponentChanges_EmailsEachWithinTheRateBound_UntilOneClickUnsubscribe()
    {
        var address = $"ann-{Guid.NewGuid():N}@example.test";
        var sent = await PostFormAsync("/status/subscribe", ("email", address.ToUpperInvariant()), ("component", "api"));
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains("Check your inbox", sent.Html, StringComparison.Ordinal);

        var confirmation = Assert.Single(await fixture.Maildev.WaitForMessagesToAsync(address));
        Assert.Equal("Confirm your subscription to Acme status", confirmation.Str("subject"));
        var confirm = Link(confirmation.Str("text"), "confirm");
        Assert.False((await SubscriberAsync(address)).GetProperty("confirmed").GetBoolean());

        // Opening the link (as a mail scanner would) confirms nothing; the button does.
        using (var opened = await Server.Anonymous.GetAsync(confirm))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        Assert.False((await SubscriberAsync(address)).GetProperty("confirmed").GetBoolean());
        Assert.Contains("Subscribed", (await PostFormAsync(confirm)).Html, StringComparison.Ordinal);
        Assert.True((await SubscriberAsync(address)).GetProperty("confirmed").GetBoolean());

        await SetAsync("web", "major_outage");
        await SetAsync("api", "major_outage");
        var notices = await fixture.Maildev.WaitForMessagesToAsync(address, 2);
        var notice = notices[1];
        Assert.Equal("Acme status: Public API is major outage", notice.Str("subject"));
        Assert.Contains("Public API: Major outage (was operational)", notice.Str("text"), StringComparison.Ordinal);
        Assert.DoesNotContain("Web", notice.Str("text"), StringComparison.Ordinal);
        var unsubscribe = Link(notice.Str("text"), "unsubscribe");
        Assert.Equal($"<{new Uri(Server.BaseAddress, unsubscribe)}>", notice.GetProperty("headers").Str("list-unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", notice.GetProperty("headers").Str("list-unsubscribe-post"));

        // Within five minutes of that notice, two more changes wait and go out as one.
        await SetAsync("api", "partial_outage");
        await SetAsync("api", "degraded_performance");
        await Server.WorkAtRestAsync();
        Assert.Equal(2, (await fixture.Maildev.MessagesToAsync(address)).Count);
        Server.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = (await fixture.Maildev.WaitForMessagesToAsync(address, 3))[2];
        Assert.Equal("Acme status: Public API is degraded performance", later.Str("subject"));
        Assert.Contains("(was major outage)", later.Str("text"), StringComparison.Ordinal);

        // A mail client's one-click unsubscribe: a POST with no page and no session.
        using (var oneClick = await Server.Anonymous.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])))
        {
            Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        }

        Assert.DoesNotContain((await Server.Admin.GetFromJsonAsync<JsonElement>("/api/v1/status-subscribers")).EnumerateArray(), s => s.Str("email") == address);
        using var gone = await Server.Anonymous.GetAsync(unsubscribe);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await SetAsync("api", "operational");
        Server.Clock.Advance(TimeSpan.FromMinutes(10));
        await Server.WorkAtRestAsync();
        Assert.Equal(3, (await fixture.Maildev.MessagesToAsync(address)).Count);
        await SetAsync("web", "operational");
    }

    [Fact]
    public async Task PublicIncidentUpdates_AreEmailedToSubscribers_AsText_ThoseInFiveMinutesTogether()
    {
        var address = $"bo-{Guid.NewGuid():N}@example.test";
        await PostFormAsync("/status/subscribe", ("email", address));
        await PostFormAsync(Link(Assert.Single(await fixture.Maildev.WaitForMessagesToAsync(address)).Str("text"), "confirm"));
        var number = (await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = "Internal: pg-7 disk full", severity = "SEV-3" })
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("number").GetInt32();
        var path = $"/api/v1/incidents/{number}/public-updates";

        await Server.Responder.PostJsonAsync(path, new { status = "investigating", title = "Checkout <b>slow</b>", body = "We are looking into slow <i>payments</i>." })
            .ExpectAsync(HttpStatusCode.Created);
        var first = (await fixture.Maildev.WaitForMessagesToAsync(address, 2))[1];
        Assert.Equal("Acme status: Checkout <b>slow</b> (Investigating)", first.Str("subject"));
        Assert.Contains("We are looking into slow <i>payments</i>.", first.Str("text"), StringComparison.Ordinal);
        Assert.DoesNotContain("pg-7", first.Str("text"), StringComparison.Ordinal);

        await Server.Responder.PostJsonAsync(path, new { status = "identified", body = "A full disk; clearing it." }).ExpectAsync(HttpStatusCode.Created);
        await Server.Responder.PostJsonAsync(path, new { status = "monitoring", body = "Cleared; watching." }).ExpectAsync(HttpStatusCode.Created);
        await Server.WorkAtRestAsync();
        Assert.Equal(2, (await fixture.Maildev.MessagesToAsync(address)).Count);
        Server.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = (await fixture.Maildev.WaitForMessagesToAsync(address, 3))[2];
        Assert.Equal("Acme status: Checkout <b>slow</b> (Monitoring), and 1 more update", later.Str("subject"));
        Assert.True(later.Str("text").IndexOf("A full disk", StringComparison.Ordinal) < later.Str("text").IndexOf("Cleared; watching.", StringComparison.Ordinal));
        await Server.Admin.DeleteAsync($"/api/v1/status-subscribers/{(await SubscriberAsync(address)).GetProperty("id").GetInt64()}").ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Subscribe_BadInput_ShowsTheFormAgainWithTheError_AndEscapesWhatWasTyped()
    {
        var bad = await PostFormAsync("/status/subscribe", ("email", "\"><script>alert(1)</script>"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("Enter one email address", bad.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", bad.Html, StringComparison.Ordinal);
        Assert.Contains("Web &lt;b&gt;app&lt;/b&gt;", bad.Html, StringComparison.Ordinal);

        var unknown = await PostFormAsync("/status/subscribe", ("email", "bo@example.test"), ("component", "nope"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("No component &#39;nope&#39;", unknown.Html, StringComparison.Ordinal);

        using var notALink = await Server.Anonymous.PostAsync("/status/subscribers/confirm?token=0000", null);
        Assert.Equal(HttpStatusCode.NotFound, notALink.StatusCode);
        Assert.Empty(await fixture.Maildev.MessagesToAsync("bo@example.test"));
    }

    [Fact]
    public async Task Addresses_AreOnNoPublicPage_AndOnlyAdminsListThem()
    {
        var address = $"cy-{Guid.NewGuid():N}@example.test";
        await PostFormAsync("/status/subscribe", ("email", address));
        // The same answer for an address already pending: nothing tells a stranger who subscribes.
        var again = await PostFormAsync("/status/subscribe", ("email", address));
        Assert.Contains("Check your inbox", again.Html, StringComparison.Ordinal);
        await Server.WorkAtRestAsync();
        Assert.Single(await fixture.Maildev.WaitForMessagesToAsync(address));

        foreach (var path in new[] { "/status", "/status/subscribe", "/status/api/v2/summary.json" })
        {
            Assert.DoesNotContain(address, await Server.Anonymous.GetStringAsync(path), StringComparison.OrdinalIgnoreCase);
        }

        await Server.Viewer.GetAsync("/api/v1/status-subscribers").ExpectAsync(HttpStatusCode.Forbidden);
        await Server.Anonymous.GetAsync("/api/v1/status-subscribers").ExpectAsync(HttpStatusCode.Unauthorized);
        var listed = await SubscriberAsync(address);
        Assert.Empty(listed.GetProperty("components").EnumerateArray());
        await Server.Admin.DeleteAsync($"/api/v1/status-subscribers/{listed.GetProperty("id").GetInt64()}").ExpectAsync(HttpStatusCode.NoContent);
        await Server.Admin.DeleteAsync($"/api/v1/status-subscribers/{listed.GetProperty("id").GetInt64()}").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<(HttpStatusCode Status, string Html)> PostFormAsync(string path, params (string Name, string Value)[] fields)
    {
        using var response = await Server.Anonymous.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task SetAsync(string component, string status) =>
        await Server.Responder.PutAsJsonAsync($"/api/v1/status-components/{component}/status", new { status }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

    private async Task<JsonElement> SubscriberAsync(string address) =>
        (await Server.Admin.GetFromJsonAsync<JsonElement>("/api/v1/status-subscribers")).EnumerateArray().Single(s => s.Str("email") == address);

    private static string Link(string text, string action) =>
        new Uri(LinkPattern().Matches(text).Select(m => m.Value).Single(l => l.Contains($"/subscribers/{action}?", StringComparison.Ordinal))).PathAndQuery;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}

public sealed class StatusSubscriberTests_Sqlite(SqliteSubscriberFixture f) : StatusSubscriberTests(f), IClassFixture<SqliteSubscriberFixture>;

public sealed class StatusSubscriberTests_Postgres(PostgresSubscriberFixture f) : StatusSubscriberTests(f), IClassFixture<PostgresSubscriberFixture>;
