using System.Globalization;
using System.Net;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Notifications;

/// <summary>
/// A server with no <c>AllowedHosts</c> setting and a real receiver on 127.0.0.1: the viewer who tries to make the
/// server read a loopback service for them gets nowhere, neither when saving the address nor when a test page goes out.
/// </summary>
public abstract class OutboundRulesApiTests(OutboundRulesFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private string Port => fixture.Receiver.BaseUrl.Port.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("webhook", "http://127.0.0.1:{port}/x")]
    [InlineData("webhook", "http://127.1:{port}/x")]
    [InlineData("webhook", "http://2130706433:{port}/x")]
    [InlineData("webhook", "http://0x7f000001:{port}/x")]
    [InlineData("webhook", "http://0177.0.0.1:{port}/x")]
    [InlineData("webhook", "http://127.0.0.1.:{port}/x")]
    [InlineData("webhook", "http://[::ffff:127.0.0.1]:{port}/x")]
    [InlineData("webhook", "http://[::1]:{port}/x")]
    [InlineData("webhook", "http://localhost:{port}/x")]
    [InlineData("slack", "http://LOCALHOST.:{port}/x")]
    [InlineData("mattermost", "http://0.0.0.0:{port}/x")]
    [InlineData("teams", "http://10.0.0.1/x")]
    [InlineData("webhook", "http://172.16.5.4/x")]
    [InlineData("webhook", "http://192.168.0.1/x")]
    [InlineData("webhook", "http://100.64.0.1/x")]
    [InlineData("webhook", "http://[fd00::1]/x")]
    [InlineData("webhook", "http://169.254.169.254/latest/meta-data/")]
    [InlineData("webhook", "http://224.0.0.1/x")]
    [InlineData("webhook", "http://255.255.255.255/x")]
    public async Task AViewerEnteringAnInternalAddress_Gets400NamingTheSetting(string kind, string address)
    {
        var problem = await Server.Viewer.PostJsonAsync("/api/v1/me/contact-methods", new { kind, address = address.Replace("{port}", Port, StringComparison.Ordinal) })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        var error = problem.GetProperty("errors").GetProperty("address")[0].GetString();
        Assert.Contains("not an allowed destination", error, StringComparison.Ordinal);
        Assert.Contains(OutboundHosts.ConfigKey, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALoopbackMethodSavedBeforeTheRules_IsRefusedWhenSending_AndItsDeliveryShowsNoAnswer()
    {
        var path = ReceiverFixture.NewPath("old-method");
        var id = await Server.WithDbAsync(async db =>
        {
            var vera = await db.Users.SingleAsync(u => u.Username == "vera");
            var method = new ContactMethod
            {
                UserId = vera.Id,
                Kind = ContactKind.Webhook,
                Label = "saved before the rules",
                Address = fixture.Receiver.Url(path),
                CreatedAt = Server.Clock.GetUtcNow(),
            };
            db.ContactMethods.Add(method);
            await db.SaveChangesAsync();
            return method.Id;
        });

        var test = await Server.Viewer.PostAsync($"/api/v1/me/contact-methods/{id}/test", null).ExpectAsync(HttpStatusCode.Accepted);
        var delivery = await Eventually.WaitForAsync(
            () => Server.Viewer.GetAsync($"/api/v1/me/deliveries/{test.Str("delivery")}").ExpectAsync(HttpStatusCode.OK),
            d => d.Str("status") != "queued", TimeSpan.FromSeconds(20), "the test page to be tried");

        Assert.Equal("failed", delivery.Str("status"));
        Assert.Contains("not an allowed destination", delivery.Str("error"), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Receiver.Requests, r => r.Path == path);
    }
}

public abstract class OutboundRulesFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public RecordingReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await RecordingReceiver.StartAsync();
        // Unset, as on a server nobody configured: the harness normally opens 127.0.0.1 for its receivers.
        Server = await RunningServer.StartAsync(provider, new Dictionary<string, string?> { [OutboundHosts.ConfigKey] = null });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class SqliteOutboundRulesFixture() : OutboundRulesFixture(DatabaseProvider.Sqlite);

public sealed class PostgresOutboundRulesFixture() : OutboundRulesFixture(DatabaseProvider.Postgres);

public sealed class OutboundRulesApiTests_Sqlite(SqliteOutboundRulesFixture f) : OutboundRulesApiTests(f), IClassFixture<SqliteOutboundRulesFixture>;

public sealed class OutboundRulesApiTests_Postgres(PostgresOutboundRulesFixture f) : OutboundRulesApiTests(f), IClassFixture<PostgresOutboundRulesFixture>;
