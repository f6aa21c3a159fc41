using System.Net;
using Firebreak.Core.Incidents;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Intake.HotPath;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>
/// New alerts of a group whose incident is open skip EF too (<see cref="HotPathWriter"/>): what they store must be what
/// the full path stores — the alert and its event, the incident's revision, last alert and impact start, one "alert
/// joined" line — and whatever else a new alert can mean (a new incident, a re-fire, a maintenance hold) still goes the
/// full way.
/// </summary>
public abstract class JoinPathTests(ServerFixture fixture) : HotPathTestsBase(fixture)
{
    [Fact]
    public async Task NewAlertsJoiningAnOpenIncident_AreWrittenOnTheHotPath_AsTheFullPathWritesThem()
    {
        var started = Server.Clock.GetUtcNow().AddMinutes(-10);
        var (hot, full) = (await NewIntegrationAsync(), await NewIntegrationAsync());
        foreach (var integration in new[] { hot, full })
        {
            await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("a", "backlog on a", started))).ExpectAsync(HttpStatusCode.OK);
        }

        Server.Clock.Advance(TimeSpan.FromMinutes(2));
        var now = Server.Clock.GetUtcNow();
        // One joins saying the trouble began earlier still, so the incident's impact start moves back.
        AlertSignal[] joining =
        [
            Signal("fp-b", "backlog on b", started.AddMinutes(-5), new Dictionary<string, string> { ["instance"] = "b", ["team"] = "queues" }),
            Signal("fp-c", "backlog on c", started.AddMinutes(5), new Dictionary<string, string> { ["instance"] = "c" }),
        ];
        var writtenBefore = HotPath.Written;

        var viaHotPath = await HotPath.TryWriteAsync([new IntakeWork(hot, joining, "10.0.0.7")], now);
        var (viaFullPath, _) = await Server.App.Services.GetRequiredService<IntakeWriter>().WriteFullAsync([new IntakeWork(full, joining, "10.0.0.7")], KeysNotOpen.None);

        Assert.Equal(writtenBefore + 1, HotPath.Written);
        Assert.NotNull(viaHotPath.Results);
        var (hotIncident, fullIncident) = (await IncidentAsync(hot), await IncidentAsync(full));
        Assert.Equal(
            Assert.Single(viaFullPath).Select(r => (r.DedupKey, r.Outcome, r.IncidentNumber == fullIncident.Number)),
            Assert.Single(viaHotPath.Results).Select(r => (r.DedupKey, r.Outcome, r.IncidentNumber == hotIncident.Number)));
        Assert.Equal(Shape(fullIncident), Shape(hotIncident));
        Assert.Equal(started.AddMinutes(-5), hotIncident.ImpactStartedAt);
        Assert.Equal(new IncidentChanged(hotIncident.Id, hotIncident.Slug, hotIncident.Revision), Assert.Single(viaHotPath.Changes));
        Assert.Equal((await LinesAsync(fullIncident.Id)).Select(l => l.Replace(full.Name, "NAME", StringComparison.Ordinal)),
            (await LinesAsync(hotIncident.Id)).Select(l => l.Replace(hot.Name, "NAME", StringComparison.Ordinal)));
        Assert.EndsWith(" 2 alerts joined: backlog on b (critical); backlog on c (critical)", (await LinesAsync(hotIncident.Id))[^1], StringComparison.Ordinal);
        Assert.Equal(await AlertsAsync(full), await AlertsAsync(hot));
        var ids = Assert.Single(viaHotPath.Results).Select(r => r.AlertId).ToList();
        Assert.Equal(ids, (await Server.WithDbAsync(db => db.Alerts.Where(a => a.IntegrationId == hot.Id && a.DedupKey != "fp-a").OrderBy(a => a.DedupKey).Select(a => (long?)a.Id).ToListAsync())));
    }

    [Fact]
    public async Task ANewAlertAmongRepeats_OverHttp_JoinsOnTheHotPath_AndTheRepeatsAreCounted()
    {
        var integration = await NewIntegrationAsync();
        await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("a", "backlog on a", null))).ExpectAsync(HttpStatusCode.OK);
        var writtenBefore = HotPath.Written;

        await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("a", "backlog on a", null), ("c", "backlog on c", null))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(writtenBefore + 1, HotPath.Written);
        var alerts = await Server.WithDbAsync(db => db.Alerts.AsNoTracking().Include(a => a.Events).Where(a => a.IntegrationId == integration.Id).ToListAsync());
        Assert.Equal(2, alerts.Single(x => x.DedupKey == "fp-a").Occurrences);
        var c = alerts.Single(x => x.DedupKey == "fp-c");
        Assert.Equal(alerts.Single(x => x.DedupKey == "fp-a").IncidentId, c.IncidentId);
        Assert.EndsWith(" Alert joined: backlog on c (critical)", (await LinesAsync(c.IncidentId!.Value))[^1], StringComparison.Ordinal);
        Assert.Equal(("trigger", "created"), c.Events.Select(e => (e.Action, e.Outcome)).Single());
    }

    [Fact]
    public async Task ANewAlertOfAGroupWithNoOpenIncident_GoesTheFullWay_AndOpensOne()
    {
        var integration = await NewIntegrationAsync();
        var writtenBefore = HotPath.Written;

        await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("a", "backlog on a", null))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(writtenBefore, HotPath.Written);
        Assert.Equal("triggered", (await IncidentAsync(integration)).Status.ToWire());
    }

    [Fact]
    public async Task ANewAlertOfAnIncidentBeingMonitored_GoesTheFullWay_AndReopensIt()
    {
        var integration = await NewIntegrationAsync();
        await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("a", "backlog on a", null))).ExpectAsync(HttpStatusCode.OK);
        var incident = await IncidentAsync(integration);
        await Server.Admin.PostJsonAsync($"/api/v1/incidents/{incident.Number}/status", new { status = "monitoring" }).ExpectAsync(HttpStatusCode.OK);
        var writtenBefore = HotPath.Written;

        await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("a", "backlog on a", null), ("d", "backlog on d", null))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(writtenBefore, HotPath.Written);
        var after = await IncidentAsync(integration);
        Assert.Equal("investigating", after.Status.ToWire());
        Assert.NotNull(after.RefiredAt);
    }

    [Fact]
    public async Task ANewAlertWhoseServiceWentIntoMaintenance_GoesTheFullWay_AndIsHeldBack()
    {
        var service = $"svc-{Guid.NewGuid():N}"[..20];
        await Server.Admin.PostJsonAsync("/api/v1/services", new { key = service, name = service }).ExpectAsync(HttpStatusCode.Created);
        var integration = await NewIntegrationAsync(service);
        await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("a", "backlog on a", null))).ExpectAsync(HttpStatusCode.OK);
        var now = Server.Clock.GetUtcNow();
        await Server.Admin.PostJsonAsync($"/api/v1/services/{service}/maintenance", new
        {
            reason = "Queue migration",
            kind = "once",
            startsAt = now.AddMinutes(-1),
            endsAt = now.AddMinutes(30),
        }).ExpectAsync(HttpStatusCode.Created);
        var writtenBefore = HotPath.Written;

        await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("e", "backlog on e", null))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(writtenBefore, HotPath.Written);
        var held = await Server.WithDbAsync(db => db.Alerts.AsNoTracking().SingleAsync(a => a.IntegrationId == integration.Id && a.DedupKey == "fp-e"));
        Assert.Equal(("Queue migration", (long?)null), (held.SuppressedBy, held.IncidentId));
    }
    private static object Shape(Incident i) => (i.Status, i.Revision, i.UpdatedAt, i.LastAlertAt, i.ImpactStartedAt, i.SeverityKey);

    private Task<List<string>> LinesAsync(long incidentId) =>
        Server.WithDbAsync(async db => (await db.TimelineEntries.AsNoTracking().Where(t => t.IncidentId == incidentId).OrderBy(t => t.Id).ToListAsync())
            .Select(t => $"{t.At:O} {t.Kind} {t.ActorKind} {t.ActorName.StartsWith("integration:joins-", StringComparison.Ordinal)} {t.Text}").ToList());

}

public sealed class JoinPathTests_Sqlite(SqliteServerFixture f) : JoinPathTests(f), IClassFixture<SqliteServerFixture>;

public sealed class JoinPathTests_Postgres(PostgresServerFixture f) : JoinPathTests(f), IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task AnIncidentChangedSinceItWasFound_FailsTheJoinStatementWhole_SoWithoutATransactionNothingIsWritten()
    {
        var started = Server.Clock.GetUtcNow().AddMinutes(-10);
        var integration = await NewIntegrationAsync();
        await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("a", "backlog on a", started))).ExpectAsync(HttpStatusCode.OK);
        var before = await IncidentAsync(integration);
        await using var sql = await RepeatStatements.OpenAsync(Server.App.Services.GetRequiredService<IServiceScopeFactory>(), default);
        var now = Server.Clock.GetUtcNow();
        var planner = new JoinPlanner(sql.Joins, sql.Services, now);
        var signal = Signal("fp-b", "backlog on b", started, new() { ["instance"] = "b" });
        var routed = await planner.RouteAsync(new IntakeWork(integration, [signal], "10.0.0.7"), signal, default);
        await planner.FindGroupsAsync([routed!], default);
        var join = planner.Join(routed!)!;
        // Someone changes the incident after the batch found it.
        await Server.WithDbAsync(db => db.Incidents.Where(i => i.Id == before.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Revision, i => i.Revision + 1)));

        var line = IncidentFactory.Entry(join.Actor, now, TimelineKind.AlertJoined, "Alert joined: backlog on b", before.Id);
        var written = await sql.Joins.JoinAllAsync(null, [(join.Incident, null)], [line], [(join.Alert, "backlog on b")], now, "trigger", IntakeOutcome.Created, default)!;

        Assert.False(written);
        Assert.Equal(["fp-a"], (await Server.WithDbAsync(db => db.Alerts.Where(a => a.IntegrationId == integration.Id).Select(a => a.DedupKey).ToListAsync())));
        var after = await IncidentAsync(integration);
        Assert.Equal((before.Revision + 1, before.LastAlertAt), (after.Revision, after.LastAlertAt));
        Assert.DoesNotContain(await Server.WithDbAsync(db => db.TimelineEntries.Where(t => t.IncidentId == before.Id).Select(t => t.Text).ToListAsync()),
            t => t.Contains("backlog on b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewAlertsJoiningIncidentsOfTwoGroups_AreLookedUpWithTheirGroups_OneStatementAnIntegration_AndWrittenByOne()
    {
        var started = Server.Clock.GetUtcNow().AddMinutes(-10);
        var (first, second) = (await NewIntegrationAsync(), await NewIntegrationAsync());
        foreach (var integration in new[] { first, second })
        {
            await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("a", "backlog on a", started))).ExpectAsync(HttpStatusCode.OK);
        }

        Server.Clock.Advance(TimeSpan.FromMinutes(2));
        AlertSignal[] joining = [Signal("fp-b", "backlog on b", started, new() { ["instance"] = "b" }), Signal("fp-c", "backlog on c", started, new() { ["instance"] = "c" })];
        var (written, statements) = await PostgresStatements.WhileAsync(() =>
            HotPath.TryWriteAsync([new IntakeWork(first, joining, "10.0.0.7"), new IntakeWork(second, joining, "10.0.0.7")], Server.Clock.GetUtcNow()));

        Assert.NotNull(written.Results);
        Assert.Equal(2, written.Changes.Count);
        // Each integration's keys, and the groups its new alerts join, are found by one statement.
        var lookups = statements.Where(s => s.Contains("\"AlertGroupKey\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lookups.Count);
        Assert.All(lookups, s => Assert.Contains("\"OpenKey\"", s, StringComparison.Ordinal));
        Assert.Equal(2, statements.Count(s => s.Contains("\"OpenKey\" = k.key", StringComparison.Ordinal)));
        Assert.Single(statements, s => s.Contains("INSERT", StringComparison.Ordinal) || s.Contains("UPDATE", StringComparison.Ordinal));
        Assert.Equal(6, (await AlertsAsync(first)).Concat(await AlertsAsync(second)).Count(a => a.Contains("/trigger/created/", StringComparison.Ordinal)));
    }
}
