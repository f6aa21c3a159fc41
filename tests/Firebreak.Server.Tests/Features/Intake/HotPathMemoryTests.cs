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
/// On PostgreSQL a storm's batches lean on what earlier batches learnt (<see cref="HotPathMemory"/>) instead of looking
/// their alerts and groups up: one statement each. What was learnt can be wrong by the time it is used — another node
/// moved an alert, resolved an incident; a key thought new was open — and then the batch must be written as the
/// lookups would have it.
/// </summary>
public sealed class HotPathMemoryTests(PostgresServerFixture fixture) : HotPathTestsBase(fixture), IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task OnceABatchJoinedAGroup_NewAlertsAndRepeatsOfIt_AreOneStatementABatch()
    {
        var (integration, incident) = await OpenAsync();
        await WriteAsync(integration, "fp-b");

        var (joined, joining) = await PostgresStatements.WhileAsync(() => WriteAsync(integration, "fp-c"));
        var (repeated, repeating) = await PostgresStatements.WhileAsync(() => WriteAsync(integration, "fp-b", "fp-c"));

        Assert.Single(joining);
        Assert.Single(repeating);
        Assert.Equal([(IntakeOutcome.Created, incident.Number)], joined.Select(r => (r.Outcome, r.IncidentNumber)));
        Assert.Equal([(IntakeOutcome.Appended, incident.Number), (IntakeOutcome.Appended, incident.Number)], repeated.Select(r => (r.Outcome, r.IncidentNumber)));
        var alerts = await Server.WithDbAsync(db => db.Alerts.AsNoTracking().Include(a => a.Events).Where(a => a.IntegrationId == integration.Id).ToListAsync());
        Assert.Equal([("fp-a", 1, 1), ("fp-b", 2, 2), ("fp-c", 2, 2)],
            alerts.OrderBy(a => a.DedupKey).Select(a => (a.DedupKey, a.Occurrences, a.Events.Count)));
        Assert.All(alerts, a => Assert.Equal(incident.Id, a.IncidentId));
        var after = await IncidentAsync(integration);
        Assert.Equal((incident.Revision + 2, Server.Clock.GetUtcNow()), (after.Revision, after.LastAlertAt));
    }

    [Fact]
    public async Task ABatchOfRepeatsAndOfANewAlertJoining_IsOneRoundTrip_AndWritesBoth()
    {
        var (integration, incident) = await OpenAsync();
        await WriteAsync(integration, "fp-b");

        var (results, statements) = await PostgresStatements.WhileAsync(() => WriteAsync(integration, "fp-b", "fp-c"));

        Assert.Single(statements);
        Assert.Equal([(IntakeOutcome.Appended, incident.Number), (IntakeOutcome.Created, incident.Number)], results.Select(r => (r.Outcome, r.IncidentNumber)));
        var alerts = await Server.WithDbAsync(db => db.Alerts.AsNoTracking().Include(a => a.Events).Where(a => a.IntegrationId == integration.Id).ToListAsync());
        Assert.Equal([("fp-a", 1, 1), ("fp-b", 2, 2), ("fp-c", 1, 1)], alerts.OrderBy(a => a.DedupKey).Select(a => (a.DedupKey, a.Occurrences, a.Events.Count)));
        Assert.Equal(results[1].AlertId, alerts.Single(a => a.DedupKey == "fp-c").Id);
        Assert.Equal(incident.Revision + 2, (await IncidentAsync(integration)).Revision);
    }

    [Fact]
    public async Task ABatchOfRepeatsAndOfANewAlertJoining_WhoseIncidentChanged_CountsNoRepeatEither()
    {
        var (integration, incident) = await OpenAsync();
        await WriteAsync(integration, "fp-b");
        await Server.WithDbAsync(db => db.Incidents.Where(i => i.Id == incident.Id).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.Status, IncidentStatus.Resolved).SetProperty(i => i.Revision, i => i.Revision + 1)));

        var outcome = await HotPath.TryWriteAsync([new IntakeWork(integration, [Fresh("fp-b"), Fresh("fp-c")], "10.0.0.7")], Server.Clock.GetUtcNow());

        Assert.Null(outcome.Results);
        var alerts = await Server.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.IntegrationId == integration.Id).OrderBy(a => a.DedupKey)
            .Select(a => new { a.DedupKey, a.Occurrences }).ToListAsync());
        Assert.Equal([("fp-a", 1), ("fp-b", 1)], alerts.Select(a => (a.DedupKey, a.Occurrences)));
    }

    [Fact]
    public async Task AKeyPresumedNew_ThatWasOpenAfterAll_IsCountedAsARepeat_NotStoredTwice()
    {
        var (integration, incident) = await OpenAsync();
        await WriteAsync(integration, "fp-b");

        // fp-a was opened by the full path, which teaches the hot path nothing; its group is known, so it looks new.
        var results = await WriteAsync(integration, "fp-a");

        Assert.Equal([(IntakeOutcome.Appended, incident.Number)], results.Select(r => (r.Outcome, r.IncidentNumber)));
        var alerts = await Server.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.IntegrationId == integration.Id).OrderBy(a => a.DedupKey)
            .Select(a => new { a.DedupKey, a.Occurrences }).ToListAsync());
        Assert.Equal([("fp-a", 2), ("fp-b", 1)], alerts.Select(a => (a.DedupKey, a.Occurrences)));
    }

    [Fact]
    public async Task AnAlertMovedByAnotherNode_AfterABatchLearntIt_RepeatsIntoItsNewIncident()
    {
        var (integration, incident) = await OpenAsync();
        var (elsewhere, other) = await OpenAsync();
        await WriteAsync(integration, "fp-a");
        // Another node moves it: no save on this node tells the hot path.
        await Server.WithDbAsync(db => db.Alerts.Where(a => a.IntegrationId == integration.Id && a.DedupKey == "fp-a")
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.IncidentId, other.Id)));

        var results = await WriteAsync(integration, "fp-a");

        Assert.Equal([(IntakeOutcome.Appended, other.Number)], results.Select(r => (r.Outcome, r.IncidentNumber)));
        Assert.Equal(Server.Clock.GetUtcNow(), (await IncidentAsync(elsewhere)).LastAlertAt);
        Assert.NotEqual(incident.Id, other.Id);
    }

    [Fact]
    public async Task AnIncidentResolvedByAnotherNode_AfterABatchJoinedIt_TakesNoNewAlert()
    {
        var (integration, incident) = await OpenAsync();
        await WriteAsync(integration, "fp-b");
        await Server.WithDbAsync(db => db.Incidents.Where(i => i.Id == incident.Id).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.Status, IncidentStatus.Resolved).SetProperty(i => i.Revision, i => i.Revision + 1)));

        var outcome = await HotPath.TryWriteAsync([new IntakeWork(integration, [Fresh("fp-c")], "10.0.0.7")], Server.Clock.GetUtcNow());

        Assert.Null(outcome.Results);
        Assert.False(await Server.WithDbAsync(db => db.Alerts.AnyAsync(a => a.IntegrationId == integration.Id && a.DedupKey == "fp-c")));
    }

    [Fact]
    public async Task AnIncidentPutUnderMonitoringOnThisNode_AfterABatchJoinedIt_ReopensOnTheNextNewAlert()
    {
        var (integration, incident) = await OpenAsync();
        await WriteAsync(integration, "fp-b");
        await Server.Admin.PostJsonAsync($"/api/v1/incidents/{incident.Number}/status", new { status = "monitoring" }).ExpectAsync(HttpStatusCode.OK);

        await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("c", "backlog on c", null))).ExpectAsync(HttpStatusCode.OK);

        var after = await IncidentAsync(integration);
        Assert.Equal("investigating", after.Status.ToWire());
        Assert.NotNull(after.RefiredAt);
    }

    [Fact]
    public async Task ANewAlertOfAGroupNotKnown_IsLookedUpWithItsGroupInOneStatement_AndTheFullPathIsToldNothingIsOpen()
    {
        var integration = await NewIntegrationAsync();

        var (outcome, statements) = await PostgresStatements.WhileAsync(() =>
            HotPath.TryWriteAsync([new IntakeWork(integration, [Fresh("fp-a"), Fresh("fp-b")], "10.0.0.7")], Server.Clock.GetUtcNow()));

        Assert.Null(outcome.Results);
        Assert.Single(statements);
        Assert.Empty(outcome.NotOpen.MayBeOpen(integration.Id, ["fp-a", "fp-b"]));
    }

    /// <summary>An integration whose first alert, fp-a, opened an incident through the full path, with the engine done with it.</summary>
    private async Task<(Integration Integration, Incident Incident)> OpenAsync()
    {
        var integration = await NewIntegrationAsync();
        await Server.Anonymous.PostJsonAsync(Path(integration), Firing(("a", "backlog on a", null))).ExpectAsync(HttpStatusCode.OK);
        await Server.WorkAtRestAsync();
        return (integration, await IncidentAsync(integration));
    }

    /// <summary>One batch on the hot path, which must take it.</summary>
    private async Task<IReadOnlyList<IntakeResult>> WriteAsync(Integration integration, params string[] keys)
    {
        var outcome = await HotPath.TryWriteAsync([new IntakeWork(integration, [.. keys.Select(Fresh)], "10.0.0.7")], Server.Clock.GetUtcNow());
        return Assert.Single(Assert.IsType<List<IReadOnlyList<IntakeResult>>>(outcome.Results));
    }

    private static AlertSignal Fresh(string key) =>
        Signal(key, $"backlog on {key[3..]}", DateTimeOffset.UnixEpoch, new() { ["instance"] = key[3..], ["severity"] = "critical" });
}
