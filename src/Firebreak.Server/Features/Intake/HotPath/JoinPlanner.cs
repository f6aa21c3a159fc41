using Firebreak.Core.Incidents;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Maintenance;
using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>A new alert the hot path writes: its row, and the open incident of its group that it joins.</summary>
internal sealed record NewJoin(Alert Alert, AlertSignal Signal, GroupIncident Incident, Actor Actor);

/// <summary>
/// Decides for each new alert of a batch whether all it does is join an incident already open for its group: routed
/// somewhere, its service not in maintenance, and the incident not being monitored (a new alert there is a re-fire,
/// which changes the incident's status and restarts paging). Anything else belongs to <see cref="IntakeBatch"/>, which
/// owns opening incidents, maintenance holds and re-fires. One planner per batch: routing inputs are read once.
/// </summary>
internal sealed class JoinPlanner(JoinStatements sql, IServiceProvider services, DateTimeOffset now)
{
    private readonly BatchRouting _routing = new(
        services.GetRequiredService<FirebreakDb>(), services.GetRequiredService<TableCache<Service>>(), services.GetRequiredService<SeverityCatalog>());
    private readonly Dictionary<(string Group, DateTimeOffset Since), GroupIncident?> _groups = [];
    private IReadOnlyDictionary<long, string>? _inMaintenance;

    /// <summary>Groups looked up and found with no open incident, each with the earliest last alert the lookup allowed.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> GroupsWithoutIncident() =>
        _groups.Where(g => g.Value is null).GroupBy(g => g.Key.Group, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(x => x.Key.Since), StringComparer.Ordinal);

    /// <summary>The join, or null when the alert needs the full path.</summary>
    public async Task<NewJoin?> PlanAsync(IntakeWork work, AlertSignal signal, CancellationToken ct)
    {
        var integration = work.Integration;
        var key = signal.DedupKey!;
        var route = (await _routing.ForAsync(integration, ct)).Route(integration, signal, key);
        _inMaintenance ??= await services.GetRequiredService<MaintenanceService>().ActiveAsync(now, ct);
        if (route.Drop || (route.Service is { } service && _inMaintenance.ContainsKey(service.Id)))
        {
            return null;
        }

        var since = now - TimeSpan.FromSeconds(integration.GroupWindowSeconds);
        if (!_groups.TryGetValue((route.GroupKey, since), out var incident))
        {
            incident = await sql.FindAsync(route.GroupKey, since, ct);
            _groups[(route.GroupKey, since)] = incident;
        }

        if (incident is null || incident.Status == IncidentStatus.Monitoring)
        {
            return null;
        }

        var alert = AlertRows.New(integration, route, signal, key, now, suppressedBy: null);
        alert.IncidentId = incident.Id;
        return new NewJoin(alert, signal, incident, AlertRows.Sender(work));
    }
}
