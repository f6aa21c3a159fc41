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
    /// <param name="resolution">When resolving, how it ended (<see cref="IncidentResolutions"/>); fixed when not said.</param>
    public static string? ChangeStatus(
        FirebreakDb db, Incident incident, IncidentStatus to, Actor actor, DateTimeOffset now, string? note = null, bool bySource = false, string? resolution = null)
    {
        var from = incident.Status;
        var result = IncidentLifecycle.Transition(from, to, incident.Timestamps, now, bySource);
        if (!result.Ok)
        {
            return result.Error;
        }

        incident.Status = to;
        incident.Apply(result.Stamps!);
        incident.Resolution = to switch
        {
            IncidentStatus.Resolved => resolution ?? IncidentResolutions.Fixed,
            IncidentStatus.Closed => incident.Resolution ?? IncidentResolutions.Fixed,
            _ => null,
        };

        var verb = from == IncidentStatus.Triggered && to == IncidentStatus.Investigating ? "Acknowledged"
            : bySource && to == IncidentStatus.Investigating ? "Re-opened by the source"
            : bySource && incident.AcknowledgedAt is null ? "Status (by the source; nobody acknowledged)"
            : "Status";
        var text = $"{verb}: {from.ToWire()} → {to.ToWire()}";
        if (incident.Resolution == IncidentResolutions.FalsePositive && to == IncidentStatus.Resolved)
        {
            text += " (false positive)";
        }

        if (!string.IsNullOrWhiteSpace(note))
        {
            text += $" — {note.Trim()}";
        }

        Touch(db, incident, actor, now, TimelineKind.StatusChanged, text);
        return null;
    }

    /// <summary>
    /// An alert fired again while the incident was in monitoring: back to investigating, waiting for someone to answer
    /// again (<see cref="Incident.AwaitingAcknowledgement"/>); its escalation restarts from <see cref="Incident.RefiredAt"/>.
    /// </summary>
    public static void Refire(FirebreakDb db, Incident incident, Actor actor, DateTimeOffset now, string alert)
    {
        incident.RefiredAt = now;
        ChangeStatus(db, incident, IncidentStatus.Investigating, actor, now,
            $"{alert} fired again while monitoring: the mitigation did not hold; paging starts over until someone acknowledges", bySource: true);
    }

    /// <summary>Someone answers an incident that waits for it without moving its status (after a re-fire).</summary>
    public static void Acknowledge(FirebreakDb db, Incident incident, Actor actor, DateTimeOffset now)
    {
        incident.Apply(IncidentLifecycle.Acknowledge(incident.Timestamps, now));
        Touch(db, incident, actor, now, TimelineKind.StatusChanged, $"Acknowledged: paging stops ({incident.Status.ToWire()})");
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
