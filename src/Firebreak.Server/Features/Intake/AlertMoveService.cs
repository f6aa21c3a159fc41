using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

public sealed record MoveAlertRequest(string? Incident);

public sealed record MergeIncidentRequest(string? Into);

public sealed record MoveResult(long AlertId, int FromIncident, int ToIncident);

/// <summary>
/// Fixes grouping by hand: move one alert to another incident or a new one (split), or fold a whole incident into
/// another (merge). Both incidents' timelines say what happened.
/// </summary>
public sealed class AlertMoveService(FirebreakDb db, SeverityCatalog severities, AuditLog audit, IncidentEvents events, TimeProvider clock, IncidentOpener opener)
{
    /// <summary>Moves an alert to an open incident, or to a new one (a split), which pages like any new incident.</summary>
    public Task<Outcome<MoveResult>> MoveAsync(Actor actor, long alertId, MoveAlertRequest request, CancellationToken ct) =>
        opener.RunAsync(async () =>
        {
            var alert = await db.Alerts.Include(a => a.Incident).FirstOrDefaultAsync(a => a.Id == alertId, ct);
            if (alert is null)
            {
                return Failure.NotFound($"No alert {alertId}.");
            }

            var now = clock.GetUtcNow();
            var from = alert.Incident;
            Incident target;
            if (string.IsNullOrWhiteSpace(request.Incident) || request.Incident.Trim() == "new")
            {
                var scheme = await severities.GetSchemeAsync(ct);
                var level = scheme.Find(alert.SeverityKey) ?? scheme.Levels[^1];
                var service = from?.ServiceId is { } sid ? await db.Services.FirstOrDefaultAsync(s => s.Id == sid, ct) : null;
                target = await opener.OpenAsync(new NewIncident(alert.Summary.Length <= IncidentLimits.TitleMax ? alert.Summary : alert.Summary[..IncidentLimits.TitleMax],
                    level, service, OpenedBy: $"alert split from #{from?.Number}"), actor, now, ct);
            }
            else
            {
                var found = await FindOpenAsync(request.Incident, ct);
                if (!found.IsOk)
                {
                    return new Outcome<MoveResult>(found.Kind, null, found.Error, found.FieldErrors);
                }

                target = found.Value!;
            }

            if (from is not null && from.Id == target.Id)
            {
                return Failure.Conflict($"Alert {alertId} is already on incident #{target.Number}.");
            }

            alert.Incident = target;
            alert.SuppressedBy = null;
            if (from is not null)
            {
                IncidentFactory.Touch(db, from, actor, now, TimelineKind.AlertMoved, $"Alert moved to #{target.Number}: {alert.Summary}");
            }

            IncidentFactory.Touch(db, target, actor, now, TimelineKind.AlertMoved, $"Alert moved here from #{from?.Number}: {alert.Summary}");
            audit.Record(actor, "alert.move", $"alert/{alert.Id}", $"#{from?.Number} -> incident/{target.Slug}");
            await opener.SaveAsync(ct);
            Publish(from, target);
            return (Outcome<MoveResult>)new MoveResult(alert.Id, from?.Number ?? 0, target.Number);
        }, ct);

    public async Task<Outcome<IncidentSummary>> MergeAsync(Actor actor, string reference, MergeIncidentRequest request, CancellationToken ct)
    {
        var sourceOutcome = await FindOpenAsync(reference, ct, "incident");
        if (!sourceOutcome.IsOk)
        {
            return new Outcome<IncidentSummary>(sourceOutcome.Kind, null, sourceOutcome.Error, sourceOutcome.FieldErrors);
        }

        if (string.IsNullOrWhiteSpace(request.Into))
        {
            return Failure.Invalid("into", "Say which incident to merge into, by number or slug.");
        }

        var targetOutcome = await FindOpenAsync(request.Into, ct, "into");
        if (!targetOutcome.IsOk)
        {
            return new Outcome<IncidentSummary>(targetOutcome.Kind, null, targetOutcome.Error, targetOutcome.FieldErrors);
        }

        var (source, target) = (sourceOutcome.Value!, targetOutcome.Value!);
        if (source.Id == target.Id)
        {
            return Failure.Conflict("An incident cannot be merged into itself.");
        }

        var now = clock.GetUtcNow();
        var alerts = await db.Alerts.Where(a => a.IncidentId == source.Id).ToListAsync(ct);
        foreach (var alert in alerts)
        {
            alert.IncidentId = target.Id;
        }

        IncidentFactory.Touch(db, target, actor, now, TimelineKind.Merged, $"Merged #{source.Number} ({source.Title}) into this incident with {alerts.Count} alert(s)");
        IncidentFactory.ChangeStatus(db, source, IncidentStatus.Resolved, actor, now, $"merged into #{target.Number}");
        audit.Record(actor, "incident.merge", $"incident/{source.Slug}", $"into incident/{target.Slug}, {alerts.Count} alert(s)");
        await db.SaveChangesAsync(ct);
        Publish(source, target);
        return new IncidentSummary(target.Number, target.Slug, target.Title, target.SeverityKey, target.Status.ToWire(), null, target.IsDrill,
            target.DeclaredAt, target.UpdatedAt, null);
    }

    private async Task<Outcome<Incident>> FindOpenAsync(string reference, CancellationToken ct, string field = "incident")
    {
        var incident = await db.Incidents.ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        return incident.Status.IsOpen()
            ? incident
            : Failure.Conflict($"Incident #{incident.Number} is {incident.Status.ToWire()}; {field} must be an open incident.");
    }

    private void Publish(params Incident?[] incidents)
    {
        foreach (var i in incidents.OfType<Incident>())
        {
            events.Publish(new IncidentChanged(i.Id, i.Slug, i.Revision));
        }
    }
}
