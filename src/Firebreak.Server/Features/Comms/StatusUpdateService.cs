using Firebreak.Core.Comms;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Comms.Stakeholders;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Comms;

/// <summary>
/// Posting a stakeholder update: the update, its timeline line (who, to where), one queued send per stakeholder who
/// wants updates, and the audit event commit in one save, which also restarts the update cadence's clock.
/// </summary>
public sealed class StatusUpdateService(FirebreakDb db, SeverityCatalog severities, AuditLog audit, TimeProvider clock, IncidentEvents events, PublicLinks links,
    IEnumerable<IExternalCommsApproval> approval)
{
    public async Task<Outcome<IReadOnlyList<StatusUpdateDto>>> ListAsync(string reference, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        var rows = await db.StakeholderUpdates.AsNoTracking().Where(u => u.IncidentId == incident.Id).OrderBy(u => u.Id).ToListAsync(ct);
        return rows.Select(u => ToDto(u, incident.Number, null)).ToList();
    }

    /// <summary>Whether updates may be posted: the incident exists and is not resolved.</summary>
    // Status is stored as its name, so an ordering comparison in SQL compares text ("triggered" > "resolved"): list them.
    public Task<bool> IsOpenAsync(string reference, CancellationToken ct) =>
        db.Incidents.AsNoTracking().ByReference(reference).AnyAsync(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed, ct);

    public async Task<Outcome<StatusUpdateDto>> PostAsync(Actor actor, string reference, StatusUpdateRequest request, CancellationToken ct)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Failure.Invalid("text", "Write what stakeholders should know: {\"text\": \"We have found the cause and are rolling back.\"}");
        }

        if (text.Length > CommsLimits.MaxText)
        {
            return Failure.Invalid("text", $"An update is at most {CommsLimits.MaxText} characters (this one has {text.Length}); link to details instead.");
        }

        var incident = await db.Incidents.ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        if (!incident.Status.IsOpen())
        {
            return Failure.Conflict($"Incident #{incident.Number} is {incident.Status.ToWire()}: its resolution notice is the last update. Reopen it to post more.");
        }

        var now = clock.GetUtcNow();
        var update = new StakeholderUpdate
        {
            IncidentId = incident.Id,
            Kind = CommsKinds.Update,
            Text = text,
            SentById = actor.UserId,
            SentBy = actor.Name,
            At = now,
        };
        var recipients = string.Join(", ", await StakeholderOutbox.QueueAsync(db, links, approval, incident, CommsKinds.Update, text, actor.Name, now, ct));
        update.Recipients = recipients.Length > 4000 ? recipients[..4000] : recipients;
        db.StakeholderUpdates.Add(update);
        IncidentFactory.Touch(db, incident, actor, now, TimelineKind.StakeholderUpdate, UpdateLine(actor.Name, update.Recipients, text));
        audit.Record(actor, "incident.stakeholder_update", $"incident/{incident.Number}", update.Recipients.Length == 0 ? "no recipients" : update.Recipients);
        await db.SaveChangesAsync(ct);
        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        var every = (await severities.GetSchemeAsync(ct)).Find(incident.SeverityKey)?.Targets.UpdateEvery;
        return ToDto(update, incident.Number, every is { } e ? now + e : null);
    }

    /// <summary>The timeline line: who sent it and where it went, then what it said.</summary>
    public static string UpdateLine(string who, string recipients, string text) =>
        $"Stakeholder update by {who} to {(recipients.Length == 0 ? "nobody subscribed" : recipients)}: {text}";

    private static StatusUpdateDto ToDto(StakeholderUpdate u, int number, DateTimeOffset? nextDue) =>
        new(u.Id, number, u.Kind, u.Text, u.SentBy, u.At,
            u.Recipients.Length == 0 ? [] : u.Recipients.Split(", ", StringSplitOptions.RemoveEmptyEntries), nextDue);
}
