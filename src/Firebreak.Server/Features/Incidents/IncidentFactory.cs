using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Incidents;

/// <summary>
/// Status changes and timeline lines, for every path that moves incidents: responders, intake and the engine alike.
/// Nothing here saves. New incidents are opened by <see cref="Opening.IncidentOpener"/>.
/// </summary>
public static class IncidentFactory
{
    /// <summary>Moves an incident to <paramref name="to"/> and writes the timeline entry; returns why not, if not allowed.</summary>
    /// <param name="bySource">The alert's source ended it (all alerts resolved): not an acknowledgement.</param>
    public static string? ChangeStatus(FirebreakDb db, Incident incident, IncidentStatus to, Actor actor, DateTimeOffset now, string? note = null, bool bySource = false)
    {
        var from = incident.Status;
        var result = IncidentLifecycle.Transition(from, to, incident.Timestamps, now, bySource);
        if (!result.Ok)
        {
            return result.Error;
        }

        incident.Status = to;
        incident.Apply(result.Stamps!);
        var verb = from == IncidentStatus.Triggered && to == IncidentStatus.Investigating ? "Acknowledged"
            : bySource && incident.AcknowledgedAt is null ? "Status (by the source; nobody acknowledged)"
            : "Status";
        var text = $"{verb}: {from.ToWire()} → {to.ToWire()}";
        if (!string.IsNullOrWhiteSpace(note))
        {
            text += $" — {note.Trim()}";
        }

        Touch(db, incident, actor, now, TimelineKind.StatusChanged, text);
        return null;
    }

    /// <summary>Records a change on an incident: bumps its revision and appends the timeline entry.</summary>
    public static void Touch(FirebreakDb db, Incident incident, Actor actor, DateTimeOffset now, string kind, string text)
    {
        incident.UpdatedAt = now;
        incident.Revision++;
        var entry = Entry(actor, now, kind, text, incident.Id);
        if (incident.Id == 0)
        {
            incident.Timeline.Add(entry);
        }
        else
        {
            db.TimelineEntries.Add(entry);
        }
    }

    public static TimelineEntry Entry(Actor actor, DateTimeOffset at, string kind, string text, long incidentId = 0) => new()
    {
        IncidentId = incidentId,
        At = at,
        ActorKind = actor.Kind,
        ActorUserId = actor.UserId,
        ActorName = actor.Name,
        Kind = kind,
        Text = text,
    };
}
