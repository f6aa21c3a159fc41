using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Escalation;

/// <summary>
/// A server whose work runner the test drives by hand (no background loop), a fake clock, and a real HTTP receiver
/// standing in for everyone's webhook. Each test makes its own people, schedule, policy and service so tests sharing
/// the server never see each other's pages.
/// </summary>
public abstract class EngineFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public RecordingReceiver Receiver { get; private set; } = null!;

    public WorkRunner Runner => Server.App.Services.GetRequiredService<WorkRunner>();

    public async Task InitializeAsync()
    {
        Receiver = await RecordingReceiver.StartAsync();
        Server = await RunningServer.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Firebreak:Engine:Background"] = "false",
            ["Firebreak:Notifications:BurstLimit"] = "3",
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>Advances the clock and runs everything that became due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Server.Clock.Advance(by);
        await Runner.RunDueAsync();
    }

    /// <summary>A user reachable by webhook at a receiver path of their own; returns the path.</summary>
    public async Task<string> PersonAsync(string username, string? path = null)
    {
        await Server.CreateUserWithTokenAsync(username, Role.Responder);
        path ??= $"/people/{username}";
        await Server.Admin.PostAsJsonAsync($"/api/v1/users/{username}/contact-methods",
            new { kind = "webhook", label = "pager", address = Receiver.Url(path), secret = "a-long-enough-signing-secret" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        return path;
    }

    public async Task<string> ServiceWithPolicyAsync(string tag, object policy, string autoResolveTo = "resolved")
    {
        var key = $"svc-{tag}";
        await Server.WithDbAsync(async db =>
        {
            db.Services.Add(new Service { Key = key, Name = $"Service {tag}", AutoResolveTo = autoResolveTo });
            return await db.SaveChangesAsync();
        });
        await Server.Admin.PutAsJsonAsync($"/api/v1/escalation-policies/pol-{tag}", policy, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await Server.Admin.PutAsJsonAsync($"/api/v1/services/{key}/escalation-policy", new { policy = $"pol-{tag}" }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        return key;
    }

    public async Task<string> DeclareAsync(string service, string severity = "SEV-2", string title = "Checkout is failing")
    {
        var incident = await Server.Responder.PostAsJsonAsync("/api/v1/incidents", new { title, severity, service }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        return incident.GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<ReceivedRequest> PagesTo(string path) => [.. Receiver.Requests.Where(r => r.Path == path)];
}

public sealed class SqliteEngineFixture() : EngineFixture(DatabaseProvider.Sqlite);

public sealed class PostgresEngineFixture() : EngineFixture(DatabaseProvider.Postgres);
