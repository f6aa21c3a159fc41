using System.Net;
using System.Text.Json;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>The group-commit writer: storms share a transaction and a timeline line; a full queue says so and loses nothing.</summary>
public abstract class GroupCommitTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    internal static object Webhook(string status, IEnumerable<string> instances) => new
    {
        version = "4",
        status,
        alerts = instances.Select(i => new
        {
            status,
            labels = new Dictionary<string, string> { ["alertname"] = "DiskFull", ["instance"] = i },
            annotations = new Dictionary<string, string> { ["summary"] = $"disk full on {i}" },
            fingerprint = $"fp-{i}",
        }),
    };

    [Fact]
    public async Task AlertStorm_IsOneTimelineLinePerBatch_NotOnePerAlert()
    {
        var key = (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"storm-{Guid.NewGuid():N}", kind = "alertmanager" })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        var hosts = Enumerable.Range(1, 8).Select(i => $"host-{i}").ToList();

        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{key}", Webhook("firing", hosts)).ExpectAsync(HttpStatusCode.OK);
        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{key}", Webhook("resolved", hosts)).ExpectAsync(HttpStatusCode.OK);

        var incidentIds = await Server.WithDbAsync(db => db.Alerts.Where(a => a.Integration!.Key == key).Select(a => a.IncidentId).Distinct().ToListAsync());
        var incidentId = Assert.Single(incidentIds);
        var timeline = await Server.WithDbAsync(db => db.TimelineEntries.Where(t => t.IncidentId == incidentId).OrderBy(t => t.Id).ToListAsync());
        // Resolving opens the severity's review draft, which the timeline says last.
        Assert.Equal(["declared", "alert_joined", "alert_resolved", "status_changed", "review"], timeline.Select(t => t.Kind));
        Assert.StartsWith("7 alerts joined: disk full on host-2", timeline[1].Text, StringComparison.Ordinal);
        Assert.EndsWith("and 2 more", timeline[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("8 alerts resolved", timeline[2].Text, StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Resolved, await Server.WithDbAsync(db => db.Incidents.Where(i => i.Id == incidentId).Select(i => i.Status).SingleAsync()));
    }
}

public sealed class GroupCommitTests_Sqlite(SqliteServerFixture f) : GroupCommitTests(f), IClassFixture<SqliteServerFixture>;

public sealed class GroupCommitTests_Postgres(PostgresServerFixture f) : GroupCommitTests(f), IClassFixture<PostgresServerFixture>;

/// <summary>A server whose intake queue holds two alerts, to see what a sender gets when the writer falls behind.</summary>
public sealed class IntakeBackpressureTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await RunningServer.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Firebreak:IntakeQueueAlerts"] = "2" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FullQueue_Answers503WithRetryAfter_AndLosesNothingAccepted()
    {
        var key = (await _server.Admin.PostJsonAsync("/api/v1/integrations", new { name = "bp", kind = "alertmanager" })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        var path = $"/integrations/alertmanager/{key}";
        var metrics = _server.App.Services.GetRequiredService<IntakeMetrics>();
        Task<HttpResponseMessage> first, second;
        // Holding the numbering gate stalls the writer the way a slow disk would.
        await IncidentOpener.NumberingGate.WaitAsync();
        try
        {
            var batchesBefore = metrics.IntakeBatchSize.Count;
            first = _server.Anonymous.PostJsonAsync(path, GroupCommitTests.Webhook("firing", ["a1", "a2"]));
            await Eventually.WaitForAsync(() => Task.FromResult(metrics.IntakeBatchSize.Count), n => n > batchesBefore, TimeSpan.FromSeconds(10),
                "the writer taking the first request");
            second = _server.Anonymous.PostJsonAsync(path, GroupCommitTests.Webhook("firing", ["b1", "b2"]));
            await Eventually.WaitForAsync(() => Task.FromResult(metrics.IntakeQueueDepth.Value), n => n >= 2, TimeSpan.FromSeconds(10),
                "the second request waiting in the queue");

            using var refused = await _server.Anonymous.PostJsonAsync(path, GroupCommitTests.Webhook("firing", ["c1"]));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains("retry", problem.Str("detail"), StringComparison.Ordinal);
        }
        finally
        {
            IncidentOpener.NumberingGate.Release();
        }

        await first.ExpectAsync(HttpStatusCode.OK);
        await second.ExpectAsync(HttpStatusCode.OK);
        var stored = await _server.WithDbAsync(db => db.Alerts.Where(a => a.Integration!.Key == key).Select(a => a.DedupKey).OrderBy(k => k).ToListAsync());
        Assert.Equal(["fp-a1", "fp-a2", "fp-b1", "fp-b2"], stored);
    }
}
