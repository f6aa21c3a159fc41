using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Escalation;

/// <summary>
/// Two nodes sharing one PostgreSQL database and one clock: work is claimed with SKIP LOCKED leases, so every page
/// goes out exactly once however the nodes interleave, and a node that dies leaves its work to the other.
/// </summary>
[RunsLong]
public sealed class TwoNodeTests : IAsyncLifetime
{
    private RunningServer _nodeA = null!;
    private WebApplication _nodeB = null!;
    private RecordingReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await RecordingReceiver.StartAsync();
        _nodeA = await RunningServer.StartAsync(DatabaseProvider.Postgres, new Dictionary<string, string?>
        {
            ["Firebreak:Engine:Background"] = "false",
            ["Firebreak:Notifications:BurstLimit"] = "100000",
        });
        _nodeB = await _nodeA.StartPeerAsync();
    }

    public async Task DisposeAsync()
    {
        await _nodeB.StopAsync();
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private const int Incidents = 250;

    private static WorkRunner Runner(IServiceProvider services) => services.GetRequiredService<WorkRunner>();

    private async Task<string> SetUpAsync(string person, string path)
    {
        await _nodeA.CreateUserWithTokenAsync(person, Role.Responder);
        await _nodeA.Admin.PostAsJsonAsync($"/api/v1/users/{person}/contact-methods", new { kind = "webhook", address = _receiver.Url(path) }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        var service = $"svc-{person}";
        await _nodeA.WithDbAsync(async db =>
        {
            db.Services.Add(new Service { Key = service, Name = service });
            return await db.SaveChangesAsync();
        });
        await _nodeA.Admin.PutAsJsonAsync($"/api/v1/escalation-policies/pol-{person}", new
        {
            name = "Two nodes",
            steps = new object[] { new { targets = new[] { $"user:{person}" }, delay = "5m" }, new { targets = new[] { $"user:{person}" }, delay = "5m" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await _nodeA.Admin.PutAsJsonAsync($"/api/v1/services/{service}/escalation-policy", new { policy = $"pol-{person}" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.OK);
        return service;
    }

    [Fact]
    public async Task TwoHundredFiftyEscalations_RunByTwoNodesAtOnce_PageEachIncidentExactlyOncePerStep()
    {
        var service = await SetUpAsync("storm", "/storm");
        await using (var scope = _nodeA.App.Services.CreateAsyncScope())
        {
            var scheme = await scope.ServiceProvider.GetRequiredService<SeverityCatalog>().GetSchemeAsync();
            var svc = await scope.ServiceProvider.GetRequiredService<FirebreakDb>().Services.SingleAsync(s => s.Key == service);
            var opener = scope.ServiceProvider.GetRequiredService<IncidentOpener>();
            // Several claim batches of 100 each, so the two nodes contend on every batch; a thousand took minutes of CI.
            for (var i = 0; i < Incidents; i++)
            {
                await opener.OpenAsync(new NewIncident($"Storm {i}", scheme.Levels[1], svc), Actor.System, _nodeA.Clock.GetUtcNow(), default);
            }

            await opener.SaveAsync(default);
        }

        async Task<int> DrainAsync()
        {
            var total = 0;
            while (true)
            {
                var ran = await Task.WhenAll(Runner(_nodeA.App.Services).RunDueAsync(), Runner(_nodeB.Services).RunDueAsync());
                total += ran.Sum();
                if (ran.Sum() == 0)
                {
                    return total;
                }
            }
        }

        await DrainAsync();
        _nodeA.Clock.Advance(TimeSpan.FromMinutes(5));
        await DrainAsync();

        var pages = _receiver.Requests.Where(r => r.Path == "/storm").Select(r => r.Json.GetProperty("incidents")[0].Str("reference")).ToList();
        Assert.Equal(2 * Incidents, pages.Count);
        Assert.All(pages.GroupBy(p => p), g => Assert.Equal(2, g.Count()));
        Assert.Equal(2 * Incidents, await _nodeA.WithDbAsync(db => db.NotificationDeliveries.CountAsync(d => d.Username == "storm" && d.Status == Server.Features.Notifications.DeliveryStatus.Sent)));
    }

    [Fact]
    public async Task WorkLeasedByANodeThatDies_IsTakenOverByTheOtherWhenTheLeaseRunsOut_AndSentOnce()
    {
        var service = await SetUpAsync("solo", "/solo");
        var incident = await _nodeA.Responder.PostAsJsonAsync("/api/v1/incidents", new { title = "Node A will die", severity = "SEV-2", service }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        await Runner(_nodeA.App.Services).RunDueAsync();
        Assert.Single(_receiver.Requests, r => r.Path == "/solo");

        // Node A takes the step-2 escalation when it falls due, then dies before running it.
        _nodeA.Clock.Advance(TimeSpan.FromMinutes(5));
        await _nodeA.WithDbAsync(async db => (await WorkQueue.ClaimAsync(db, "node-a/doomed", _nodeA.Clock.GetUtcNow(), TimeSpan.FromSeconds(60), 100, default)).Count);
        await Runner(_nodeB.Services).RunDueAsync();
        Assert.Single(_receiver.Requests, r => r.Path == "/solo");

        _nodeA.Clock.Advance(TimeSpan.FromSeconds(61));
        await Runner(_nodeB.Services).RunDueAsync();
        var pages = _receiver.Requests.Where(r => r.Path == "/solo").ToList();
        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.Equal($"#{incident.GetProperty("number").GetInt32()}", p.Json.GetProperty("incidents")[0].Str("reference")));
        await Runner(_nodeB.Services).RunDueAsync();
        Assert.Equal(2, _receiver.Requests.Count(r => r.Path == "/solo"));
    }
}
