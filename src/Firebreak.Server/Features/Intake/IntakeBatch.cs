using System.Text.Json;
using Firebreak.Core.Incidents;
using Firebreak.Core.Intake;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Features.Intake.HotPath;
using Firebreak.Server.Features.Maintenance;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Applies many intake requests in one transaction, in the order they arrived: dedup by key within the integration,
/// grouping into open incidents, acknowledge and resolve. Used once per attempt by <see cref="IntakeWriter"/>; a fresh
/// instance (and DbContext) per attempt keeps a retried batch free of the failed attempt's state.
/// </summary>
public sealed class IntakeBatch(
    FirebreakDb db, SeverityCatalog severities, TableCache<Service> serviceRows, MaintenanceService maintenance, MaintenanceHolds holds, AuditLog audit, TimeProvider clock,
    IncidentOpener opener, IEnumerable<IIncidentChangeStep> changeSteps, IEnumerable<IIncidentResolvedStep> resolvedSteps)
{
    private readonly Dictionary<long, Dictionary<string, Alert>> _open = [];
    private readonly BatchRouting _routing = new(db, serviceRows, severities);
    private readonly Dictionary<string, Incident> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<Incident, List<Alert>> _alertsByIncident = [];
    private readonly Dictionary<Incident, IncidentNews> _news = [];
    private readonly Dictionary<Incident, bool> _openElsewhere = [];
    private readonly List<Incident> _refired = [];
    private readonly List<Incident> _resolved = [];
    private readonly List<Alert> _newAlerts = [];
    private readonly List<(Alert Alert, AlertEvent Event)> _newEvents = [];
    private IReadOnlyDictionary<long, string>? _inMaintenance;
    private KeysNotOpen _notOpen = KeysNotOpen.None;

    /// <summary>Incidents this batch changed, for live pages once it has committed.</summary>
    public IEnumerable<Incident> Touched => _news.Keys;

    /// <summary>Stages every request's changes, saves them in one transaction, and returns each request's results.</summary>
    /// <param name="notOpen">Keys known to have no open alert, which need not be looked up.</param>
    public async Task<List<IReadOnlyList<IntakeResult>>> SaveAsync(IReadOnlyList<IntakeWork> batch, KeysNotOpen notOpen, CancellationToken ct)
    {
        // Change detection runs once before the save instead of on every tracker query: a batch tracks thousands of rows.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = clock.GetUtcNow();
        _notOpen = notOpen;
        await LoadOpenAlertsAsync(batch, notOpen, ct);
        var staged = new List<List<Func<IntakeResult>>>(batch.Count);
        foreach (var work in batch)
        {
            staged.Add(await StageAsync(work, now, ct));
        }

        await CommitAsync(now, ct);
        // Results are read after the save so that ids assigned by the database are in them.
        return [.. staged.Select(results => (IReadOnlyList<IntakeResult>)[.. results.Select(r => r())])];
    }

    /// <summary>
    /// Opens (or joins) incidents for alerts that arrived during maintenance and are still firing now that their service
    /// is out of it — the page the window held back. Routing uses the rules in force now. Returns how many were released.
    /// </summary>
    public async Task<int> ReleaseSuppressedAsync(CancellationToken ct)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = clock.GetUtcNow();
        _inMaintenance = await maintenance.ActiveAsync(now, ct);
        var held = await db.Alerts.Include(a => a.Integration).Where(a => a.OpenKey != null && a.SuppressedBy != null).ToListAsync(ct);
        var released = 0;
        var actor = new Actor("system", null, "maintenance", null);
        foreach (var alert in held)
        {
            var integration = alert.Integration!;
            var signal = new AlertSignal(AlertAction.Trigger, alert.DedupKey, alert.Summary, alert.Source, AlertNames.ParseSeverity(alert.Severity),
                Component: alert.Component, Group: alert.Group, Class: alert.Class, Labels: alert.Labels, Annotations: alert.Annotations);
            var route = (await _routing.ForAsync(integration, ct)).Route(integration, signal, alert.DedupKey);
            if (route.Drop || (route.Service is { } service && _inMaintenance.ContainsKey(service.Id)))
            {
                continue;
            }

            alert.Incident = await JoinOrOpenIncidentAsync(integration, route, signal, alert.DedupKey, actor, now, ", still firing after maintenance", ct);
            alert.SuppressedBy = null;
            Log(alert, new AlertEvent { At = now, Action = "release", Outcome = IntakeOutcome.Released, Summary = "Maintenance ended while still firing" });
            Remember(alert);
            released++;
        }

        await CommitAsync(now, ct);
        return released;
    }

    private async Task CommitAsync(DateTimeOffset now, CancellationToken ct)
    {
        RecordNews(now);
        foreach (var incident in _refired)
        {
            foreach (var step in changeSteps)
            {
                await step.OnChangedAsync(db, incident, now, ct);
            }
        }

        foreach (var incident in _resolved.Where(i => i.Status == IncidentStatus.Resolved))
        {
            foreach (var step in resolvedSteps)
            {
                await step.OnResolvedAsync(db, incident, now, ct);
            }
        }

        await opener.SaveAsync(ct, afterSave: InsertNewAlertsAsync);
    }

    /// <summary>
    /// New alerts and every alert event (the bulk of any storm) bypass change tracking: they are written with prepared
    /// inserts after the incidents they join have their ids, in the same transaction.
    /// </summary>
    private async Task InsertNewAlertsAsync(CancellationToken ct)
    {
        foreach (var alert in _newAlerts)
        {
            alert.IncidentId = alert.Incident?.Id;
        }

        await new RowInserter<Alert>(db).InsertAsync(db, _newAlerts, ct);
        foreach (var (alert, e) in _newEvents)
        {
            e.AlertId = alert.Id;
        }

        await new RowInserter<AlertEvent>(db).InsertAsync(db, [.. _newEvents.Select(n => n.Event)], ct);
    }

    private async Task LoadOpenAlertsAsync(IReadOnlyList<IntakeWork> batch, KeysNotOpen notOpen, CancellationToken ct)
    {
        foreach (var perIntegration in batch.GroupBy(w => w.Integration.Id))
        {
            var integrationId = perIntegration.Key;
            var keys = notOpen.MayBeOpen(integrationId, perIntegration.SelectMany(w => w.Signals).Select(s => s.DedupKey).OfType<string>().Distinct());
            var open = keys.Count == 0
                ? new Dictionary<string, Alert>(StringComparer.Ordinal)
                : await db.Alerts.Include(a => a.Incident)
                    .Where(a => a.IntegrationId == integrationId && a.OpenKey != null && keys.Contains(a.OpenKey))
                    .ToDictionaryAsync(a => a.OpenKey!, StringComparer.Ordinal, ct);
            foreach (var alert in open.Values)
            {
                Remember(alert);
            }

            _open[integrationId] = open;
        }
    }

    private async Task<List<Func<IntakeResult>>> StageAsync(IntakeWork work, DateTimeOffset now, CancellationToken ct)
    {
        var integration = work.Integration;
        var actor = AlertRows.Sender(work);
        var open = _open[integration.Id];
        var results = new List<Func<IntakeResult>>(work.Signals.Count);
        foreach (var signal in work.Signals)
        {
            var key = signal.DedupKey ?? Guid.NewGuid().ToString("N");
            open.TryGetValue(key, out var alert);
            switch (signal.Action)
            {
                case AlertAction.Trigger when alert is not null:
                    alert.LastSeenAt = now;
                    alert.Occurrences++;
                    alert.Summary = signal.Summary ?? alert.Summary;
                    Log(alert, AlertRows.Event(signal, now, IntakeOutcome.Appended));
                    if (alert.Incident is { } joined)
                    {
                        joined.LastAlertAt = now;
                    }

                    results.Add(Result(key, IntakeOutcome.Appended, alert));
                    break;
                case AlertAction.Trigger:
                    var route = (await _routing.ForAsync(integration, ct)).Route(integration, signal, key);
                    if (route.Drop)
                    {
                        results.Add(() => new IntakeResult(key, IntakeOutcome.Dropped, null, null));
                        break;
                    }

                    _inMaintenance ??= await maintenance.ActiveAsync(now, ct);
                    var suppressedBy = route.Service is { } routedTo && _inMaintenance.TryGetValue(routedTo.Id, out var reason) ? reason : null;
                    if (suppressedBy is not null)
                    {
                        holds.Note();
                    }

                    alert = await OpenAlertAsync(integration, route, signal, key, actor, now, suppressedBy, ct);
                    open[key] = alert;
                    results.Add(Result(key, suppressedBy is null ? IntakeOutcome.Created : IntakeOutcome.Suppressed, alert));
                    break;
                case AlertAction.Acknowledge when alert is not null:
                    Acknowledge(alert, signal, actor, now);
                    results.Add(Result(key, IntakeOutcome.Acknowledged, alert));
                    break;
                case AlertAction.Resolve when alert is not null:
                    await ResolveAsync(alert, signal, actor, now, ct);
                    open.Remove(key);
                    results.Add(Result(key, IntakeOutcome.Resolved, alert));
                    break;
                default:
                    // PagerDuty semantics: acknowledging or resolving an unknown or closed key is accepted and ignored.
                    results.Add(() => new IntakeResult(key, IntakeOutcome.Ignored, null, null));
                    break;
            }
        }

        return results;
    }

    private async Task<Alert> OpenAlertAsync(
        Integration integration, Routed route, AlertSignal signal, string key, Actor actor, DateTimeOffset now, string? suppressedBy, CancellationToken ct)
    {
        // In maintenance the alert is kept and shown, but pages nobody: no incident.
        var incident = suppressedBy is null ? await JoinOrOpenIncidentAsync(integration, route, signal, key, actor, now, null, ct) : null;
        var alert = AlertRows.New(integration, route, signal, key, now, suppressedBy);
        alert.Incident = incident;
        Log(alert, AlertRows.Event(signal, now, suppressedBy is null ? IntakeOutcome.Created : IntakeOutcome.Suppressed));
        _newAlerts.Add(alert);
        Remember(alert);
        return alert;
    }

    private async Task<Incident> JoinOrOpenIncidentAsync(
        Integration integration, Routed route, AlertSignal signal, string key, Actor actor, DateTimeOffset now, string? why, CancellationToken ct)
    {
        var (service, level) = (route.Service, route.Level);
        // A test event checks the wiring: it never lands in someone's real incident, nor a test in another test's.
        var groupKey = signal.Test is null ? route.GroupKey : $"test|{key}";
        var summary = AlertRows.Summary(signal);
        var incident = signal.Test is not null ? null
            : await FindGroupIncidentAsync(groupKey, now - TimeSpan.FromSeconds(integration.GroupWindowSeconds), ct);
        if (incident is null)
        {
            incident = await opener.OpenAsync(
                new NewIncident(AlertRows.Title(summary), level, service, ImpactStartedAt: AlertRows.ImpactStart(signal, now), AlertGroupKey: groupKey,
                    OpenedBy: $"alert via {integration.Name}{why}", Test: signal.Test),
                actor, now, ct);
            var via = route.RuleName is null ? "" : $" via rule {route.RuleName}";
            audit.Record(actor, "incident.open_from_alert", $"incident/{incident.Slug}", $"{level.Key} {key}{via}");
            _groups[groupKey] = incident;
            News(incident, actor);
        }
        else
        {
            incident.LastAlertAt = now;
            incident.ImpactStartedAt = AlertRows.EarliestImpact(incident.ImpactStartedAt, signal, now);
            News(incident, actor).Joined.Add(AlertRows.Joined(signal, why));
            if (incident.Status == IncidentStatus.Monitoring)
            {
                Refire(incident, summary, actor, now);
            }
        }

        return incident;
    }

    /// <summary>
    /// A new alert in an incident that is being monitored means the mitigation did not hold. Staying in monitoring would
    /// be silent, so it goes back to investigating and its escalation starts over once this batch commits.
    /// </summary>
    private void Refire(Incident incident, string summary, Actor actor, DateTimeOffset now)
    {
        // The "alert joined" line first, so the timeline reads in the order things happened.
        Flush(incident, now);
        IncidentFactory.Refire(db, incident, actor, now, summary);
        _refired.Add(incident);
    }

    // Compiled: every batch of new alerts asks, and building and looking up the LINQ query cost more than running it.
    private static readonly PerProvider<Func<FirebreakDb, string, DateTimeOffset, CancellationToken, Task<Incident?>>> s_openGroupIncident = new(() =>
        EF.CompileAsyncQuery((FirebreakDb db, string groupKey, DateTimeOffset since, CancellationToken ct) => db.Set<Incident>()
            .Where(i => i.AlertGroupKey == groupKey && i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed && i.LastAlertAt >= since)
            .OrderByDescending(i => i.Id)
            .FirstOrDefault()));

    private async Task<Incident?> FindGroupIncidentAsync(string groupKey, DateTimeOffset since, CancellationToken ct)
    {
        if (_groups.TryGetValue(groupKey, out var known) && known.Status.IsOpen() && known.LastAlertAt >= since)
        {
            return known;
        }

        if (_notOpen.HasNoIncident(groupKey, since))
        {
            return null;
        }

        var stored = await s_openGroupIncident.For(db)(db, groupKey, since, ct);
        // The row is open as stored, but this batch may already have resolved it.
        if (stored is null || !stored.Status.IsOpen())
        {
            return null;
        }

        _groups[groupKey] = stored;
        return stored;
    }

    private void Acknowledge(Alert alert, AlertSignal signal, Actor actor, DateTimeOffset now)
    {
        alert.Status = AlertStatus.Acknowledged;
        alert.LastSeenAt = now;
        Log(alert, AlertRows.Event(signal, now, IntakeOutcome.Acknowledged));
        if (alert.Incident is { Status: IncidentStatus.Triggered } incident)
        {
            // Timeline entries keep the order things happened in, so news staged so far goes first.
            News(incident, actor);
            Flush(incident, now);
            IncidentFactory.ChangeStatus(db, incident, IncidentStatus.Investigating, actor, now, $"alert {alert.Summary} acknowledged at the source");
        }
    }

    private async Task ResolveAsync(Alert alert, AlertSignal signal, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        alert.Status = AlertStatus.Resolved;
        alert.OpenKey = null;
        alert.ResolvedAt = now;
        alert.LastSeenAt = now;
        Log(alert, AlertRows.Event(signal, now, IntakeOutcome.Resolved));
        if (alert.Incident is not { } incident)
        {
            return;
        }

        News(incident, actor).Resolved.Add(alert.Summary);
        // Decided at once rather than at the end of the batch, so a trigger later in the same batch sees the incident
        // exactly as it would have if the two had arrived in separate batches.
        if (incident.AlertGroupKey is null || !incident.Status.IsOpen() || await HasOpenAlertsAsync(incident, ct))
        {
            return;
        }

        Flush(incident, now);
        var to = incident.ServiceId is { } sid && _routing.Services?.Values.FirstOrDefault(s => s.Id == sid) is { } known
            ? known.AutoResolveTo
            : await db.Services.Where(s => s.Id == incident.ServiceId).Select(s => s.AutoResolveTo).FirstOrDefaultAsync(ct);
        // Already monitoring (or a person moved it on) means there is nothing to do; the lifecycle says no.
        var error = IncidentFactory.ChangeStatus(db, incident, to == "monitoring" ? IncidentStatus.Monitoring : IncidentStatus.Resolved,
            actor, now, "all of its alerts resolved", bySource: true);
        if (error is null && incident.Status == IncidentStatus.Resolved)
        {
            _resolved.Add(incident);
        }
    }

    private void Log(Alert alert, AlertEvent e) => _newEvents.Add((alert, e));

    private IncidentNews News(Incident incident, Actor actor)
    {
        if (!_news.TryGetValue(incident, out var news))
        {
            news = new IncidentNews(actor);
            _news[incident] = news;
        }

        return news;
    }

    /// <summary>
    /// Writes what the batch did to each incident: one timeline entry for the alerts that joined and one for those that
    /// resolved, so a storm of 500 alerts is two lines on the timeline, not 500.
    /// </summary>
    private void RecordNews(DateTimeOffset now)
    {
        foreach (var incident in _news.Keys)
        {
            Flush(incident, now);
        }
    }

    private void Flush(Incident incident, DateTimeOffset now)
    {
        if (!_news.TryGetValue(incident, out var news))
        {
            return;
        }

        if (news.Joined.Count > 0)
        {
            IncidentFactory.Touch(db, incident, news.Actor, now, TimelineKind.AlertJoined, AlertRows.JoinedLine(news.Joined));
            news.Joined.Clear();
        }

        if (news.Resolved.Count > 0)
        {
            IncidentFactory.Touch(db, incident, news.Actor, now, TimelineKind.AlertResolved, AlertRows.ResolvedLine(news.Resolved));
            news.Resolved.Clear();
        }
    }

    // Alerts this batch holds are judged by their state here; the rest by what is stored.
    private async Task<bool> HasOpenAlertsAsync(Incident incident, CancellationToken ct)
    {
        var held = _alertsByIncident.GetValueOrDefault(incident) ?? [];
        if (held.Any(a => a.OpenKey != null))
        {
            return true;
        }

        // Every stored open alert this batch will touch was loaded up front, so the answer for the rest cannot change.
        if (!_openElsewhere.TryGetValue(incident, out var openElsewhere))
        {
            var heldIds = held.Where(a => a.Id != 0).Select(a => a.Id).ToList();
            openElsewhere = db.Entry(incident).State != EntityState.Added
                && await db.Alerts.AnyAsync(a => a.IncidentId == incident.Id && a.OpenKey != null && !heldIds.Contains(a.Id), ct);
            _openElsewhere[incident] = openElsewhere;
        }

        return openElsewhere;
    }

    private void Remember(Alert alert)
    {
        if (alert.Incident is not { } incident)
        {
            return;
        }

        if (!_alertsByIncident.TryGetValue(incident, out var alerts))
        {
            alerts = [];
            _alertsByIncident[incident] = alerts;
        }

        alerts.Add(alert);
    }

    private static Func<IntakeResult> Result(string key, string outcome, Alert alert) =>
        () => new IntakeResult(key, outcome, alert.Id, alert.Incident?.Number);

    private sealed class IncidentNews(Actor actor)
    {
        public Actor Actor { get; } = actor;
        public List<string> Joined { get; } = [];
        public List<string> Resolved { get; } = [];
    }
}
