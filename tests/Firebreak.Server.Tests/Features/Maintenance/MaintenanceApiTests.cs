using System.Net;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Maintenance;

public abstract class MaintenanceApiTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private async Task<string> ServiceAsync()
    {
        var key = $"svc-{Guid.NewGuid():N}"[..20];
        await using var scope = Server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Storage.FirebreakDb>();
        db.Services.Add(new Server.Features.Catalog.Service { Key = key, Name = key });
        await db.SaveChangesAsync();
        return key;
    }

    [Fact]
    public async Task OneOffWindow_SuppressesIncidentButKeepsAlert_ThenPagesAgainAfter()
    {
        var service = await ServiceAsync();
        var now = Server.Clock.GetUtcNow();
        var window = await Server.Admin.PostJsonAsync($"/api/v1/services/{service}/maintenance", new
        {
            reason = "Database failover drill",
            kind = "once",
            startsAt = now.AddMinutes(-5),
            endsAt = now.AddMinutes(30),
        }).ExpectAsync(HttpStatusCode.Created);
        Assert.True(window.GetProperty("activeNow").GetBoolean());
        var integration = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"mw-{Guid.NewGuid():N}", kind = "pagerduty", service })
            .ExpectAsync(HttpStatusCode.Created);
        var key = integration.Str("key");
        object Trigger(string dedup) => new { routing_key = key, event_action = "trigger", dedup_key = dedup, payload = new { summary = "Replica lag", source = "db", severity = "critical" } };

        await Server.Anonymous.PostJsonAsync("/v2/enqueue", Trigger("during")).ExpectAsync(HttpStatusCode.Accepted);

        var during = await Server.WithDbAsync(db => db.Alerts.Include(a => a.Events).SingleAsync(a => a.DedupKey == "during" && a.Integration!.Key == key));
        Assert.Null(during.IncidentId);
        Assert.Equal("Database failover drill", during.SuppressedBy);
        Assert.Equal("suppressed", during.Events.Single().Outcome);
        var listed = await Server.Viewer.GetAsync($"/api/v1/alerts/{during.Id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Database failover drill", listed.GetProperty("alert").Str("suppressedBy"));

        Server.Clock.Advance(TimeSpan.FromMinutes(31));
        await Server.Anonymous.PostJsonAsync("/v2/enqueue", Trigger("after")).ExpectAsync(HttpStatusCode.Accepted);
        var after = await Server.WithDbAsync(db => db.Alerts.SingleAsync(a => a.DedupKey == "after" && a.Integration!.Key == key));
        Assert.NotNull(after.IncidentId);
    }

    /// <summary>Intake keeps the windows in memory; one removed on this node no longer holds the very next alert back.</summary>
    [Fact]
    public async Task AWindowRemoved_NoLongerHoldsTheNextAlertBack_WithoutWaitingForTheCache()
    {
        var service = await ServiceAsync();
        var now = Server.Clock.GetUtcNow();
        var id = (await Server.Admin.PostJsonAsync($"/api/v1/services/{service}/maintenance", new
        {
            reason = "Storage migration",
            kind = "once",
            startsAt = now.AddMinutes(-5),
            endsAt = now.AddHours(2),
        }).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var key = (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"mw-{Guid.NewGuid():N}", kind = "pagerduty", service })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        object Trigger(string dedup) => new { routing_key = key, event_action = "trigger", dedup_key = dedup, payload = new { summary = "Disk full", source = "db", severity = "critical" } };
        await Server.Anonymous.PostJsonAsync("/v2/enqueue", Trigger("held")).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Null(await Server.WithDbAsync(db => db.Alerts.Where(a => a.DedupKey == "held" && a.Integration!.Key == key).Select(a => a.IncidentId).SingleAsync()));

        await Server.Admin.DeleteAsync($"/api/v1/services/{service}/maintenance/{id}").ExpectAsync(HttpStatusCode.OK);
        await Server.Anonymous.PostJsonAsync("/v2/enqueue", Trigger("paged")).ExpectAsync(HttpStatusCode.Accepted);

        var paged = await Server.WithDbAsync(db => db.Alerts.Include(a => a.Incident).SingleAsync(a => a.DedupKey == "paged" && a.Integration!.Key == key));
        Assert.Null(paged.SuppressedBy);
        Assert.Equal(await Server.WithDbAsync(db => db.Services.Where(s => s.Key == service).Select(s => (long?)s.Id).SingleAsync()), paged.Incident!.ServiceId);
    }

    [Fact]
    public async Task AlertStillFiringWhenWindowEnds_Pages_WhileOneResolvedDuringItDoesNot()
    {
        var service = await ServiceAsync();
        var now = Server.Clock.GetUtcNow();
        await Server.Admin.PostJsonAsync($"/api/v1/services/{service}/maintenance", new
        {
            reason = "Kernel upgrade",
            kind = "once",
            startsAt = now.AddMinutes(-1),
            endsAt = now.AddMinutes(10),
        }).ExpectAsync(HttpStatusCode.Created);
        var key = (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"mr-{Guid.NewGuid():N}", kind = "pagerduty", service })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        foreach (var dedup in new[] { "still-firing", "recovered" })
        {
            await Server.Anonymous.PostJsonAsync("/v2/enqueue", new
            {
                routing_key = key,
                event_action = "trigger",
                dedup_key = dedup,
                payload = new { summary = $"Disk {dedup}", source = "db", severity = "critical" },
            }).ExpectAsync(HttpStatusCode.Accepted);
        }

        await Server.Anonymous.PostJsonAsync("/v2/enqueue", new { routing_key = key, event_action = "resolve", dedup_key = "recovered" })
            .ExpectAsync(HttpStatusCode.Accepted);

        Server.Clock.Advance(TimeSpan.FromMinutes(11));

        var released = await Eventually.WaitForAsync(
            () => Server.WithDbAsync(db => db.Alerts.Include(a => a.Events).Include(a => a.Incident).SingleAsync(a => a.DedupKey == "still-firing" && a.Integration!.Key == key)),
            a => a.IncidentId is not null, TimeSpan.FromSeconds(10), "the held alert paging after the window");
        Assert.Null(released.SuppressedBy);
        Assert.Equal(["suppressed", "released"], released.Events.OrderBy(e => e.Id).Select(e => e.Outcome));
        var opened = await Server.WithDbAsync(db => db.TimelineEntries.Where(t => t.IncidentId == released.IncidentId).OrderBy(t => t.Id).Select(t => t.Text).FirstAsync());
        Assert.Contains("still firing after maintenance", opened, StringComparison.Ordinal);
        var recovered = await Server.WithDbAsync(db => db.Alerts.SingleAsync(a => a.DedupKey == "recovered" && a.Integration!.Key == key));
        Assert.Null(recovered.IncidentId);
    }

    [Fact]
    public async Task WeeklyAndCronWindows_ValidateAndReportNextStart()
    {
        var service = await ServiceAsync();

        var weekly = await Server.Admin.PostJsonAsync($"/api/v1/services/{service}/maintenance", new
        {
            reason = "Sunday patching",
            kind = "weekly",
            days = new[] { "sun" },
            startTime = "02:00",
            length = "2h",
            timeZone = "Europe/Berlin",
        }).ExpectAsync(HttpStatusCode.Created);
        Assert.NotNull(weekly.GetProperty("nextStart").GetString());

        await Server.Admin.PostJsonAsync($"/api/v1/services/{service}/maintenance", new
        {
            reason = "Nightly backup",
            kind = "cron",
            cron = "30 1 * * *",
            length = "45m",
            timeZone = "Asia/Tokyo",
        }).ExpectAsync(HttpStatusCode.Created);

        var bad = await Server.Admin.PostJsonAsync($"/api/v1/services/{service}/maintenance", new
        {
            reason = "x",
            kind = "weekly",
            days = new[] { "funday" },
            startTime = "02:00",
            length = "2h",
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("weekday", bad.GetProperty("errors").GetProperty("schedule")[0].GetString(), StringComparison.Ordinal);

        var list = await Server.Viewer.GetAsync($"/api/v1/services/{service}/maintenance").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, list.GetArrayLength());
        await Server.Viewer.PostJsonAsync($"/api/v1/services/{service}/maintenance", new { reason = "x" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Viewer.GetAsync("/api/v1/services/no-such-service/maintenance").ExpectProblemAsync(HttpStatusCode.NotFound);

        var id = list[0].GetProperty("id").GetInt64();
        await Server.Admin.DeleteAsync($"/api/v1/services/{service}/maintenance/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await Server.Viewer.GetAsync($"/api/v1/services/{service}/maintenance").ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task AResponder_CannotAddOrRemoveWindows_BecauseAWindowSilencesPaging()
    {
        var service = await ServiceAsync();
        var now = Server.Clock.GetUtcNow();
        var window = new { reason = "Quiet night", kind = "once", startsAt = now, endsAt = now.AddHours(8) };

        var refused = await Server.Responder.PostJsonAsync($"/api/v1/services/{service}/maintenance", window).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var created = await Server.Admin.PostJsonAsync($"/api/v1/services/{service}/maintenance", window).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        await Server.Responder.DeleteAsync($"/api/v1/services/{service}/maintenance/{id}").ExpectProblemAsync(HttpStatusCode.Forbidden);

        Assert.Single((await Server.Responder.GetAsync($"/api/v1/services/{service}/maintenance").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        await Server.Admin.DeleteAsync($"/api/v1/services/{service}/maintenance/{id}").ExpectAsync(HttpStatusCode.OK);
        var audited = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"service/{service}").OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.Actor }).ToListAsync());
        Assert.Equal(new[] { ("maintenance.create", "adam"), ("maintenance.delete", "adam") }, audited.Select(a => (a.Action, a.Actor)));
    }
}

public sealed class MaintenanceApiTests_Sqlite(SqliteServerFixture f) : MaintenanceApiTests(f), IClassFixture<SqliteServerFixture>;

public sealed class MaintenanceApiTests_Postgres(PostgresServerFixture f) : MaintenanceApiTests(f), IClassFixture<PostgresServerFixture>;
