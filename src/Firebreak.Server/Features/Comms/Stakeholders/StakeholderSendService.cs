using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Comms.Stakeholders;

/// <param name="To">"Customers (email)".</param>
/// <param name="Status">held, queued, sent or failed.</param>
public sealed record StakeholderSendDto(
    Guid Id, string Kind, string Stakeholder, string To, bool External, string Status, string Subject, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? ApprovedBy, DateTimeOffset? ApprovedAt);

/// <summary>
/// An incident's messages to stakeholders, and letting held ones go: messages to external stakeholders wait while the
/// incident's external communication needs approval, until its commander or an admin (by their role now, as public
/// updates are approved) approves one or all of them. Each approval is a timeline line and an audit event.
/// </summary>
public sealed class StakeholderSendService(FirebreakDb db, AuditLog audit, TimeProvider clock, IncidentEvents events)
{
    public async Task<Outcome<IReadOnlyList<StakeholderSendDto>>> ListAsync(string reference, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().ByReference(reference).FirstOrDefaultAsync(ct);
        return incident is null
            ? Failure.NotFound(IncidentReference.NotFound(reference))
            : (await LoadAsync(incident.Id, null, ct)).Select(p => ToDto(p.Send, p.To)).ToList();
    }

    /// <summary>Whether this user may approve the incident's held messages: its commander, or an admin.</summary>
    public async Task<bool> MayApproveAsync(string reference, long? userId, bool isAdmin, CancellationToken ct) =>
        isAdmin || (userId is not null && await db.Incidents.AsNoTracking().ByReference(reference).AnyAsync(i => i.CommanderId == userId, ct));

    /// <summary>Lets one held message go (<paramref name="sendId"/>), or every one held on the incident (null).</summary>
    public async Task<Outcome<IReadOnlyList<StakeholderSendDto>>> ApproveAsync(Actor actor, bool isAdmin, string reference, Guid? sendId, CancellationToken ct)
    {
        var incident = await db.Incidents.ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        var sends = await LoadAsync(incident.Id, sendId, ct);
        if (sendId is { } one && sends.Count == 0)
        {
            return Failure.NotFound($"Incident #{incident.Number} has no stakeholder message {one:N}. GET /api/v1/incidents/{incident.Number}/stakeholder-sends lists them.");
        }

        if (!isAdmin && (actor.UserId is null || incident.CommanderId != actor.UserId))
        {
            return Failure.Forbidden($"Only the commander of incident #{incident.Number} or an admin may approve its messages to external stakeholders.");
        }

        if (sendId is not null && sends[0].Send.Status != StakeholderSendStatus.Held)
        {
            var s = sends[0].Send;
            return Failure.Conflict($"Message {s.Id:N} to {sends[0].To.Describe()} is {s.Status}, not held{(s.ApprovedBy is { } by ? $" (approved by {by})" : "")}.");
        }

        var now = clock.GetUtcNow();
        var approved = sends.Where(p => p.Send.Status == StakeholderSendStatus.Held).ToList();
        foreach (var (send, to) in approved)
        {
            send.Status = StakeholderSendStatus.Queued;
            send.ApprovedBy = actor.Name;
            send.ApprovedAt = now;
            WorkQueue.Add(db, StakeholderSendHandler.KindName, now, now, StakeholderSendHandler.Payload(send.Id), incident.Id);
            IncidentFactory.Touch(db, incident, actor, now, TimelineKind.CommsSent, $"{What(send.Kind)} to {to.Describe()} approved by {actor.Name}: sending");
            audit.Record(actor, "stakeholder_send.approve", Resource(incident.Number), $"send {send.Id:N}, {send.Kind} to {to.Key}");
        }

        if (approved.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        }

        return approved.Select(p => ToDto(p.Send, p.To)).ToList();
    }

    /// <summary>"Declaration", "Update", "Resolution": how a line starts.</summary>
    public static string What(string kind) => $"{char.ToUpperInvariant(kind[0])}{kind[1..]}";

    public static string Resource(int incidentNumber) => $"incident/{incidentNumber}/stakeholder-sends";

    private async Task<List<(StakeholderSend Send, Stakeholder To)>> LoadAsync(long incidentId, Guid? sendId, CancellationToken ct)
    {
        var sends = await db.StakeholderSends.Where(s => s.IncidentId == incidentId && (sendId == null || s.Id == sendId))
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct);
        var ids = sends.Select(s => s.StakeholderId).Distinct().ToList();
        var stakeholders = await db.Stakeholders.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return [.. sends.Where(s => stakeholders.ContainsKey(s.StakeholderId)).Select(s => (s, stakeholders[s.StakeholderId]))];
    }

    private static StakeholderSendDto ToDto(StakeholderSend s, Stakeholder to) =>
        new(s.Id, s.Kind, to.Key, to.Describe(), to.External, s.Status, s.Subject, s.Attempts, s.LastError, s.CreatedAt, s.SentAt, s.ApprovedBy, s.ApprovedAt);
}
