using System.Text.Json;
using Firebreak.Core.Alerts;
using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Maintenance;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

public sealed record IntakeResult(string DedupKey, string Outcome, long? AlertId, int? IncidentNumber);

public static class IntakeOutcome
{
    public const string Created = "created";
    public const string Appended = "appended";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
    public const string Ignored = "ignored";
    public const string Dropped = "dropped";
    public const string Suppressed = "suppressed";
}

/// <summary>
/// Turns alert signals into alerts and incidents: dedup by key within the integration, grouping into open incidents,
/// acknowledge and resolve. One call is one transaction, so a sender's 2xx means everything it sent is stored.
/// </summary>
public sealed class IntakeService(
    FirebreakDb db, SeverityCatalog severities, MaintenanceService maintenance, AuditLog audit, IncidentEvents events, TimeProvider clock)
{
    private const int MaxAttempts = 5;
    private const int TitleMax = IncidentLimits.TitleMax;

    public async Task<IReadOnlyList<IntakeResult>> ProcessAsync(Integration integration, IReadOnlyList<AlertSignal> signals, string? sourceAddress, CancellationToken ct)
    {
        var actor = new Actor("integration", null, $"integration:{integration.Name}", sourceAddress);
        await IncidentFactory.NumberingGate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var touched = new HashSet<Incident>();
                var results = await ApplyAsync(integration, signals, actor, touched, ct);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex) && attempt < MaxAttempts)
                {
                    // Another node stored the same open alert or incident number first; redo against what it stored.
                    db.ChangeTracker.Clear();
                    continue;
                }

                foreach (var incident in touched)
                {
                    events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
                }

                return [.. results.Select(r => r())];
            }
        }
        finally
        {
            IncidentFactory.NumberingGate.Release();
        }
    }

    /// <summary>
    /// Runs a synthetic trigger through the real intake path, so an admin sees exactly what a sender would cause. Shared
    /// by the API and the web UI so both behave the same.
    /// </summary>
    public async Task<Outcome<IntakeResult>> SendTestEventAsync(long integrationId, string? sentBy, string? sourceAddress, CancellationToken ct)
    {
        var integration = await db.Integrations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == integrationId, ct);
        if (integration is null)
        {
            return Failure.NotFound($"No integration {integrationId}.");
        }

        var signal = new AlertSignal(AlertAction.Trigger, $"firebreak-test-{Guid.NewGuid():N}",
            Summary: $"Test event from Firebreak, sent by {sentBy ?? "an admin"}", Source: "firebreak", Severity: AlertSeverity.Info,
            Labels: new Dictionary<string, string> { ["alertname"] = "FirebreakTest" });
        var results = await ProcessAsync(integration, [signal], sourceAddress, ct);
        return results[0];
    }

    // Results are read after the save so that ids assigned by the database are in them.
    private async Task<List<Func<IntakeResult>>> ApplyAsync(
        Integration integration, IReadOnlyList<AlertSignal> signals, Actor actor, HashSet<Incident> touched, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Routing inputs matter only for alerts seen for the first time; repeats of open alerts (the bulk of a storm)
        // skip loading them.
        RoutingContext? routing = null;
        IReadOnlyDictionary<long, string>? inMaintenance = null;
        var keys = signals.Select(s => s.DedupKey).OfType<string>().Distinct().ToList();
        var open = await db.Alerts.Include(a => a.Incident)
            .Where(a => a.IntegrationId == integration.Id && a.OpenKey != null && keys.Contains(a.OpenKey))
            .ToDictionaryAsync(a => a.OpenKey!, StringComparer.Ordinal, ct);
        var results = new List<Func<IntakeResult>>();
        foreach (var signal in signals)
        {
            var key = signal.DedupKey ?? Guid.NewGuid().ToString("N");
            open.TryGetValue(key, out var alert);
            switch (signal.Action)
            {
                case AlertAction.Trigger when alert is not null:
                    alert.LastSeenAt = now;
                    alert.Occurrences++;
                    alert.Summary = signal.Summary ?? alert.Summary;
                    alert.Events.Add(Event(signal, now, IntakeOutcome.Appended));
                    if (alert.Incident is { } joined)
                    {
                        joined.LastAlertAt = now;
                    }

                    results.Add(Result(key, IntakeOutcome.Appended, alert));
                    break;
                case AlertAction.Trigger:
                    routing ??= new RoutingContext(
                        RoutingRuleConfigs.Load(integration.RoutingRulesJson),
                        await db.Services.ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, ct),
                        integration.ServiceId,
                        await severities.GetSchemeAsync(ct));
                    inMaintenance ??= await maintenance.ActiveAsync(now, ct);
                    var route = routing.Route(integration, signal, key);
                    if (route.Drop)
                    {
                        results.Add(() => new IntakeResult(key, IntakeOutcome.Dropped, null, null));
                        break;
                    }

                    var suppressedBy = route.Service is { } routedTo && inMaintenance.TryGetValue(routedTo.Id, out var reason) ? reason : null;
                    alert = await OpenAlertAsync(integration, route, signal, key, actor, now, touched, suppressedBy, ct);
                    open[key] = alert;
                    results.Add(Result(key, suppressedBy is null ? IntakeOutcome.Created : IntakeOutcome.Suppressed, alert));
                    break;
                case AlertAction.Acknowledge when alert is not null:
                    Acknowledge(alert, signal, actor, now, touched);
                    results.Add(Result(key, IntakeOutcome.Acknowledged, alert));
                    break;
                case AlertAction.Resolve when alert is not null:
                    await ResolveAsync(alert, signal, actor, now, touched, ct);
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
        Integration integration, Routed route, AlertSignal signal, string key, Actor actor, DateTimeOffset now, HashSet<Incident> touched,
        string? suppressedBy, CancellationToken ct)
    {
        var (service, level, groupKey) = (route.Service, route.Level, route.GroupKey);
        var summary = signal.Summary ?? signal.Class ?? "Alert";
        // In maintenance the alert is kept and shown, but pages nobody: no incident.
        Incident? incident = null;
        if (suppressedBy is null)
        {
            incident = await FindGroupIncidentAsync(groupKey, now - TimeSpan.FromSeconds(integration.GroupWindowSeconds), ct);
            if (incident is null)
            {
                incident = await IncidentFactory.AddAsync(db,
                    new NewIncident(Title(summary), level, service, AlertGroupKey: groupKey, OpenedBy: $"alert via {integration.Name}"),
                    actor, now, ct);
                var via = route.RuleName is null ? "" : $" via rule {route.RuleName}";
                audit.Record(actor, "incident.open_from_alert", $"incident/{incident.Slug}", $"{level.Key} {key}{via}");
            }
            else
            {
                incident.LastAlertAt = now;
                IncidentFactory.Touch(db, incident, actor, now, TimelineKind.AlertJoined, $"Alert joined: {summary} ({signal.Severity?.ToWire() ?? "error"})");
            }

            touched.Add(incident);
        }

        var alert = new Alert
        {
            IntegrationId = integration.Id,
            DedupKey = key,
            OpenKey = key,
            Status = AlertStatus.Triggered,
            Summary = summary,
            Source = signal.Source,
            Severity = (signal.Severity ?? AlertSeverity.Error).ToWire(),
            SeverityKey = level.Key,
            Component = signal.Component,
            Group = signal.Group,
            Class = signal.Class,
            Labels = new Dictionary<string, string>(signal.Labels ?? new Dictionary<string, string>()),
            Annotations = new Dictionary<string, string>(signal.Annotations ?? new Dictionary<string, string>()),
            DetailsJson = signal.CustomDetails?.GetRawText(),
            LinksJson = signal.Links is { Count: > 0 } links ? JsonSerializer.Serialize(links, JsonSerializerOptions.Web) : null,
            FirstSeenAt = now,
            LastSeenAt = now,
            Occurrences = 1,
            Incident = incident,
            SuppressedBy = suppressedBy,
        };
        alert.Events.Add(Event(signal, now, suppressedBy is null ? IntakeOutcome.Created : IntakeOutcome.Suppressed));
        db.Alerts.Add(alert);
        return alert;
    }

    private async Task<Incident?> FindGroupIncidentAsync(string groupKey, DateTimeOffset since, CancellationToken ct)
    {
        bool Joinable(Incident i) => i.AlertGroupKey == groupKey && i.Status.IsOpen() && i.LastAlertAt >= since;
        var pending = db.ChangeTracker.Entries<Incident>().Select(e => e.Entity).FirstOrDefault(Joinable);
        return pending ?? await db.Incidents
            .Where(i => i.AlertGroupKey == groupKey && i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed && i.LastAlertAt >= since)
            .OrderByDescending(i => i.Id)
            .FirstOrDefaultAsync(ct);
    }

    private void Acknowledge(Alert alert, AlertSignal signal, Actor actor, DateTimeOffset now, HashSet<Incident> touched)
    {
        alert.Status = AlertStatus.Acknowledged;
        alert.LastSeenAt = now;
        alert.Events.Add(Event(signal, now, IntakeOutcome.Acknowledged));
        if (alert.Incident is { Status: IncidentStatus.Triggered } incident)
        {
            IncidentFactory.ChangeStatus(db, incident, IncidentStatus.Investigating, actor, now, $"alert {alert.Summary} acknowledged at the source");
            touched.Add(incident);
        }
    }

    private async Task ResolveAsync(
        Alert alert, AlertSignal signal, Actor actor, DateTimeOffset now, HashSet<Incident> touched, CancellationToken ct)
    {
        alert.Status = AlertStatus.Resolved;
        alert.OpenKey = null;
        alert.ResolvedAt = now;
        alert.LastSeenAt = now;
        alert.Events.Add(Event(signal, now, IntakeOutcome.Resolved));
        if (alert.Incident is not { } incident)
        {
            return;
        }

        touched.Add(incident);
        IncidentFactory.Touch(db, incident, actor, now, TimelineKind.AlertResolved, $"Alert resolved: {alert.Summary}");
        if (incident.AlertGroupKey is null || !incident.Status.IsOpen())
        {
            return;
        }

        // Alerts this call already holds are judged by their state here; the rest by what is stored.
        var tracked = db.ChangeTracker.Entries<Alert>().Select(e => e.Entity).ToList();
        var trackedIds = tracked.Where(a => a.Id != 0).Select(a => a.Id).ToList();
        var otherOpenHere = tracked.Any(a => a.Incident == incident && a.OpenKey != null);
        var otherOpenStored = incident.Id != 0
            && await db.Alerts.AnyAsync(a => a.IncidentId == incident.Id && a.OpenKey != null && !trackedIds.Contains(a.Id), ct);
        if (!otherOpenHere && !otherOpenStored)
        {
            var to = incident.ServiceId is { } sid && await db.Services.Where(s => s.Id == sid).Select(s => s.AutoResolveTo).FirstOrDefaultAsync(ct) == "monitoring"
                ? IncidentStatus.Monitoring
                : IncidentStatus.Resolved;
            // Already monitoring (or a person moved it on) means there is nothing to do; the lifecycle says no.
            IncidentFactory.ChangeStatus(db, incident, to, actor, now, "all of its alerts resolved");
        }
    }

    private static AlertEvent Event(AlertSignal signal, DateTimeOffset now, string outcome) =>
        new() { At = now, Action = signal.Action.ToWire(), Outcome = outcome, Summary = signal.Summary };

    private static Func<IntakeResult> Result(string key, string outcome, Alert alert) =>
        () => new IntakeResult(key, outcome, alert.Id, alert.Incident?.Number);

    private static string Title(string summary) => summary.Length <= TitleMax ? summary : summary[..(TitleMax - 1)] + "…";
}
