using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.StatusPage;

/// <summary>A server with a service behind a status component, a mail server, a webhook receiver and a hand-driven engine.</summary>
public abstract class OutageFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public RealMaildev Maildev { get; private set; } = null!;

    public RecordingReceiver Receiver { get; private set; } = null!;

    public RunningServer Server { get; private set; } = null!;

    public WorkRunner Runner => Server.App.Services.GetRequiredService<WorkRunner>();

    public async Task InitializeAsync()
    {
        Maildev = await RealMaildev.StartAsync();
        Receiver = await RecordingReceiver.StartAsync();
        Server = await RunningServer.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Firebreak:Engine:Background"] = "false",
            ["Firebreak:Smtp:Host"] = "127.0.0.1",
            ["Firebreak:Smtp:Port"] = Maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Firebreak:Smtp:From"] = "status@firebreak.test",
            ["Firebreak:Smtp:TimeoutSeconds"] = "5",
            ["Firebreak:StatusPage:Name"] = "Acme status",
        });
        using var dir = new TempDir();
        dir.Write("config.yaml", """
            services:
              - { key: checkout, name: Checkout }
              - { key: search, name: Search }
            status_components:
              - { key: checkout-web, name: Checkout, services: [checkout] }
              - { key: search-web, name: Search, services: [search] }
            """);
        await using var scope = Server.App.Services.CreateAsyncScope();
        Assert.Empty((await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default)).Errors);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
        await Maildev.DisposeAsync();
    }
}

public sealed class SqliteOutageFixture() : OutageFixture(DatabaseProvider.Sqlite);

public sealed class PostgresOutageFixture() : OutageFixture(DatabaseProvider.Postgres);

/// <summary>
/// Issue 14's demo, end to end: a SEV-1 on a service with a status component; the comms lead confirms the outage and the
/// public page and JSON show it as the confirmation returns; a subscriber is emailed; the comms lead is reminded at the
/// severity's cadence; resolving puts the component back to operational, on the page and in the subscriber's inbox.
/// </summary>
public abstract class OutageToAllClearTests(OutageFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Sev1_ConfirmedOutage_IsPublicAtOnce_Emailed_Reminded_AndAllClearOnResolve()
    {
        var subscriber = $"sam-{Guid.NewGuid():N}@example.test";
        await SubscribeAsync(subscriber);
        var lead = await CommsLeadAsync();
        var number = (await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = "Checkout returns 500s", severity = "SEV-1", service = "checkout" })
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("number").GetInt32();
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/roles", new { role = "comms_lead", user = lead }).ExpectAsync(HttpStatusCode.OK);

        // What the incident page's "Yes, publish" does; the public documents have it by the time it answers.
        await Server.Responder.PutAsJsonAsync("/api/v1/status-components/checkout-web/status", new { status = "major_outage" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("major_outage", await PublicStatusAsync("checkout-web"));
        Assert.Equal("operational", await PublicStatusAsync("search-web"));
        Assert.Contains("Major outage", await Server.Anonymous.GetStringAsync("/status"), StringComparison.Ordinal);

        await fixture.Runner.RunDueAsync();
        var outage = (await fixture.Maildev.WaitForMessagesToAsync(subscriber, 2))[1];
        Assert.Equal("Acme status: Checkout is major outage", outage.Str("subject"));

        Server.Clock.Advance(TimeSpan.FromMinutes(30));
        await fixture.Runner.RunDueAsync();
        var reminder = Assert.Single(fixture.Receiver.Requests, r => r.Path == $"/people/{lead}");
        Assert.Contains("is due now (updates every 30m)", reminder.Text, StringComparison.Ordinal);

        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/status", new { status = "resolved" }).ExpectAsync(HttpStatusCode.OK);
        await Eventually.WaitForAsync(() => PublicStatusAsync("checkout-web"), s => s == "operational", TimeSpan.FromSeconds(10), "checkout-web operational on the page");
        var timeline = await Server.WithDbAsync(db => db.TimelineEntries
            .Where(t => db.Set<Incident>().Any(i => i.Id == t.IncidentId && i.Number == number) && t.Kind == TimelineKind.PublicUpdate).Select(t => t.Text).ToListAsync());
        Assert.Contains("Status page: Checkout back to operational on resolution", timeline);
        await fixture.Runner.RunDueAsync();
        var allClear = (await fixture.Maildev.WaitForMessagesToAsync(subscriber, 3))[2];
        Assert.Equal("Acme status: Checkout is operational", allClear.Str("subject"));
    }

    [Fact]
    public async Task Resolving_LeavesAComponentDown_WhileAnotherOpenIncidentStillShowsOnIt()
    {
        await Server.Responder.PutAsJsonAsync("/api/v1/status-components/search-web/status", new { status = "partial_outage" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.OK);
        var first = await DeclareAsync("search");
        var second = await DeclareAsync("search");

        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{first}/status", new { status = "resolved" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("partial_outage", await PublicStatusAsync("search-web"));
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{second}/status", new { status = "resolved" }).ExpectAsync(HttpStatusCode.OK);
        await Eventually.WaitForAsync(() => PublicStatusAsync("search-web"), s => s == "operational", TimeSpan.FromSeconds(10), "search-web operational on the page");
    }

    private async Task<int> DeclareAsync(string service) =>
        (await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = $"{service} is slow", severity = "SEV-3", service })
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("number").GetInt32();

    private async Task<string> PublicStatusAsync(string component)
    {
        var summary = await Server.Anonymous.GetFromJsonAsync<JsonElement>("/status/api/v2/summary.json");
        return summary.GetProperty("components").EnumerateArray().Single(c => c.Str("name") == (component == "checkout-web" ? "Checkout" : "Search")).Str("status");
    }

    private async Task<string> CommsLeadAsync()
    {
        var name = $"lee{Guid.NewGuid().ToString("N")[..6]}";
        await Server.CreateUserWithTokenAsync(name, Role.Responder);
        await Server.Admin.PostAsJsonAsync($"/api/v1/users/{name}/contact-methods",
            new { kind = "webhook", label = "pager", address = fixture.Receiver.Url($"/people/{name}"), secret = "a-long-enough-signing-secret" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        return name;
    }

    private async Task SubscribeAsync(string address)
    {
        using var form = new FormUrlEncodedContent([new("email", address)]);
        using (await Server.Anonymous.PostAsync("/status/subscribe", form))
        {
        }

        await fixture.Runner.RunDueAsync();
        var text = Assert.Single(await fixture.Maildev.WaitForMessagesToAsync(address)).Str("text");
        var confirm = new Uri(text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Single(w => w.Contains("/subscribers/confirm?", StringComparison.Ordinal)));
        using var button = new FormUrlEncodedContent([]);
        using (await Server.Anonymous.PostAsync(confirm.PathAndQuery, button))
        {
        }
    }
}

public sealed class OutageToAllClearTests_Sqlite(SqliteOutageFixture f) : OutageToAllClearTests(f), IClassFixture<SqliteOutageFixture>;

public sealed class OutageToAllClearTests_Postgres(PostgresOutageFixture f) : OutageToAllClearTests(f), IClassFixture<PostgresOutageFixture>;
