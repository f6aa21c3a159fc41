using System.Runtime.CompilerServices;
using Firebreak.Core.Incidents;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Maintenance;
using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>A new alert the hot path writes: its row, and the open incident of its group that it joins.</summary>
internal sealed record NewJoin(Alert Alert, AlertSignal Signal, string Group, GroupIncident Incident, Actor Actor);

/// <summary>
/// Decides for each new alert of a batch whether all it does is join an incident already open for its group: routed
/// somewhere, its service not in maintenance, and the incident not being monitored (a new alert there is a re-fire,
/// which changes the incident's status and restarts paging). Anything else belongs to <see cref="IntakeBatch"/>, which
/// owns opening incidents, maintenance holds and re-fires. One planner per batch: routing inputs are read once, each
/// alert is routed once, and a group's incident learnt from earlier batches (<see cref="HotPathMemory"/>) is not looked up.
/// </summary>
internal sealed class JoinPlanner(JoinStatements sql, IServiceProvider services, DateTimeOffset now, HotPathMemory.Learnt? learnt = null)
{
    private readonly BatchRouting _routing = new(
        services.GetRequiredService<FirebreakDb>(), services.GetRequiredService<TableCache<Service>>(), services.GetRequiredService<SeverityCatalog>());
    private readonly Dictionary<(string Group, DateTimeOffset Since), GroupIncident?> _groups = [];
    private readonly Dictionary<(IntakeWork, AlertSignal), RoutedAlert?> _routes = new(SameObjects.Instance);
    private IReadOnlyDictionary<long, string>? _inMaintenance;

    /// <summary>Groups looked up and found with no open incident, each with the earliest last alert the lookup allowed.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> GroupsWithoutIncident() =>
        _groups.Where(g => g.Value is null).GroupBy(g => g.Key.Group, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(x => x.Key.Since), StringComparer.Ordinal);

    /// <summary>Where a new alert goes, or null when it needs the full path (dropped, or its service in maintenance).</summary>
    public async Task<RoutedAlert?> RouteAsync(IntakeWork work, AlertSignal signal, CancellationToken ct)
    {
        if (!_routes.TryGetValue((work, signal), out var routed))
        {
            _routes[(work, signal)] = routed = await RouteOnceAsync(work, signal, ct);
        }

        return routed;
    }

    /// <summary>Whether the alert, if new, would join an incident learnt from an earlier batch (so it needs no lookup).</summary>
    public async Task<bool> JoinsKnownGroupAsync(IntakeWork work, AlertSignal signal, CancellationToken ct)
    {
        if (learnt is null || await RouteAsync(work, signal, ct) is not { } routed || learnt.Group(routed.Group.Key, routed.Group.Since) is not { } incident)
        {
            return false;
        }

        _groups[routed.Group] = incident;
        return true;
    }

    private async Task<RoutedAlert?> RouteOnceAsync(IntakeWork work, AlertSignal signal, CancellationToken ct)
    {
        var integration = work.Integration;
        var key = signal.DedupKey!;
        var route = (await _routing.ForAsync(integration, ct)).Route(integration, signal, key);
        _inMaintenance ??= await services.GetRequiredService<MaintenanceService>().ActiveAsync(now, ct);
        if (route.Drop || (route.Service is { } service && _inMaintenance.ContainsKey(service.Id)))
        {
            return null;
        }

        return new RoutedAlert(work, signal, route, (route.GroupKey, now - TimeSpan.FromSeconds(integration.GroupWindowSeconds)));
    }

    /// <summary>The groups, not known yet, that these keys' alerts would join if they are new.</summary>
    public async Task<HashSet<(string Key, DateTimeOffset Since)>> GroupsOfAsync(IEnumerable<IntakeWork> works, IReadOnlySet<string> keys, CancellationToken ct)
    {
        var groups = new HashSet<(string Key, DateTimeOffset Since)>();
        foreach (var work in works)
        {
            foreach (var signal in work.Signals.Where(s => keys.Contains(s.DedupKey!)))
            {
                if (await RouteAsync(work, signal, ct) is { } routed && !_groups.ContainsKey(routed.Group))
                {
                    groups.Add(routed.Group);
                }
            }
        }

        return groups;
    }

    /// <summary>Groups looked up along with the keys, so <see cref="FindGroupsAsync"/> need not look again.</summary>
    public void Know(IReadOnlyDictionary<(string Group, DateTimeOffset Since), GroupIncident?> groups)
    {
        foreach (var (group, incident) in groups)
        {
            _groups[group] = incident;
        }
    }

    /// <summary>Looks up the open incident of every group these alerts feed that is not known yet, all at once.</summary>
    public async Task FindGroupsAsync(IEnumerable<RoutedAlert> alerts, CancellationToken ct)
    {
        var unknown = alerts.Select(a => a.Group).Where(g => !_groups.ContainsKey(g)).ToHashSet();
        foreach (var group in unknown.Where(g => learnt?.Group(g.Key, g.Since) is not null).ToList())
        {
            _groups[group] = learnt!.Group(group.Key, group.Since);
            unknown.Remove(group);
        }

        if (unknown.Count == 0)
        {
            return;
        }

        foreach (var (group, incident) in await sql.FindAllAsync(unknown, ct))
        {
            _groups[group] = incident;
        }
    }

    /// <summary>The join, or null when the group has no incident to join or it is being monitored (a re-fire).</summary>
    public NewJoin? Join(RoutedAlert routed)
    {
        if (_groups.GetValueOrDefault(routed.Group) is not { Status: not IncidentStatus.Monitoring } incident)
        {
            return null;
        }

        var alert = AlertRows.New(routed.Work.Integration, routed.Route, routed.Signal, routed.Signal.DedupKey!, now, suppressedBy: null);
        alert.IncidentId = incident.Id;
        return new NewJoin(alert, routed.Signal, routed.Group.Key, incident, AlertRows.Sender(routed.Work));
    }
}

/// <summary>A new alert routed, with the group whose open incident it would join.</summary>
internal sealed record RoutedAlert(IntakeWork Work, AlertSignal Signal, Routed Route, (string Key, DateTimeOffset Since) Group);

/// <summary>A signal of a request, by identity: one signal object can be sent to several integrations.</summary>
internal sealed class SameObjects : IEqualityComparer<(IntakeWork Work, AlertSignal Signal)>
{
    public static readonly SameObjects Instance = new();

    public bool Equals((IntakeWork Work, AlertSignal Signal) x, (IntakeWork Work, AlertSignal Signal) y) =>
        ReferenceEquals(x.Work, y.Work) && ReferenceEquals(x.Signal, y.Signal);

    public int GetHashCode((IntakeWork Work, AlertSignal Signal) obj) =>
        HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Work), RuntimeHelpers.GetHashCode(obj.Signal));
}
