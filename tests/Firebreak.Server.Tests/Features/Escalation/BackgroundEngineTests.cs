using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Escalation;

/// <summary>
/// The engine as it runs in production: its own loop, woken by the commit that queued work and by the clock when the
/// next step falls due (a fake clock here, so "five minutes later" takes no time). Its work shows on /metrics.
/// </summary>
public sealed class BackgroundEngineTests : IAsyncLifetime
{
    private RunningServer _server = null!;
    private RecordingReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await RecordingReceiver.StartAsync();
        _server = await RunningServer.StartAsync(DatabaseProvider.Sqlite);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task WorkWrittenWhileTheServerPrepares_RunsAsSoonAsTheLoopStarts_NotAfterItsLease()
    {
        // The standing hand-off item is added, due now and leased to this node, before the loop exists.
        await _server.WorkAtRestAsync();

        var handoffs = await _server.WithDbAsync(db => db.WorkItems.SingleAsync(w => w.Kind == HandoffHandler.KindName));
        Assert.True(handoffs.DueAt > _server.Clock.GetUtcNow(), "the hand-off look ran and set its next time");
    }

    [Fact]
    public async Task TheLoopPagesAtOnce_ThenAgainWhenTheClockReachesTheNextStep_AndMetricsCountIt()
    {
        await _server.CreateUserWithTokenAsync("lou", Role.Responder);
        await _server.Admin.PostAsJsonAsync("/api/v1/users/lou/contact-methods", new { kind = "webhook", address = _receiver.Url("/lou") }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        await _server.WithDbAsync(async db =>
        {
            db.Services.Add(new Service { Key = "bg", Name = "Background" });
            return await db.SaveChangesAsync();
        });
        await _server.Admin.PutAsJsonAsync("/api/v1/escalation-policies/bg", new
        {
            name = "Background",
            steps = new object[] { new { targets = new[] { "user:lou" }, delay = "5m" }, new { targets = new[] { "user:lou" }, delay = "5m" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await _server.Admin.PutAsJsonAsync("/api/v1/services/bg/escalation-policy", new { policy = "bg" }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        await _server.Responder.PostAsJsonAsync("/api/v1/incidents", new { title = "Queue backed up", severity = "SEV-2", service = "bg" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        await Eventually.WaitForAsync(() => Task.FromResult(_receiver.Requests.Count(r => r.Path == "/lou")), n => n == 1, TimeSpan.FromSeconds(15), "the first page");

        await _server.WorkAtRestAsync();
        _server.Clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.WaitForAsync(() => Task.FromResult(_receiver.Requests.Count(r => r.Path == "/lou")), n => n == 2, TimeSpan.FromSeconds(15), "the second step's page");
        await _server.WorkAtRestAsync();
        Assert.Equal(2, _receiver.Requests.Count(r => r.Path == "/lou"));

        var metrics = await _server.Anonymous.GetStringAsync("/metrics");
        Assert.Matches($@"firebreak_notifications_total\{{channel=""webhook"",outcome=""sent""\}} 2(\n|$)", metrics);
        Assert.Contains("firebreak_work_firing_delay_seconds_count{kind=\"escalation\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("firebreak_work_queue_items", metrics, StringComparison.Ordinal);
        Assert.Contains("firebreak_work_queue_lag_seconds 0", metrics, StringComparison.Ordinal);
    }
}
