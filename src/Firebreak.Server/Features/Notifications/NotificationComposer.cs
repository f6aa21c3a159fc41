using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Notifications;

/// <summary>Builds the message a person receives for one or more deliveries: each incident with what, how bad, which
/// service, why them, who else was paged, and links to open and acknowledge it.</summary>
public static class NotificationComposer
{
    /// <param name="incident">The one incident of a single page, already loaded with its service; saves a query.</param>
    public static async Task<NotificationMessage> ComposeAsync(
        FirebreakDb db, PublicLinks links, string idempotencyKey, IReadOnlyList<NotificationDelivery> deliveries, DateTimeOffset now, CancellationToken ct,
        Incident? incident = null)
    {
        var ids = deliveries.Select(d => d.IncidentId).OfType<long>().Distinct().ToList();
        var incidents = incident is not null && ids is [var only] && only == incident.Id
            ? new Dictionary<long, Incident> { [only] = incident }
            : await db.Incidents.AsNoTracking().Include(i => i.Service).Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var notices = new List<IncidentNotice>();
        foreach (var d in deliveries)
        {
            if (d.IncidentId is not { } id || !incidents.TryGetValue(id, out var about))
            {
                continue;
            }

            var others = await PagingQueries.For(db).AlsoPaged(db, id, d.Cause, d.UserId).ToListAsync(ct);
            notices.Add(new IncidentNotice(
                $"#{about.Number}",
                about.IsDrill ? $"[DRILL] {about.Title}" : about.TestSentBy is not null ? $"[TEST] {about.Title}" : about.Title,
                about.SeverityKey,
                about.Service?.Name,
                about.Status.ToWire(),
                d.Reason,
                others,
                links.Incident(about.Number),
                await links.AcknowledgeAsync(about.Id, d.UserId, now, ct)));
        }

        var first = deliveries[0];
        return new NotificationMessage(idempotencyKey, first.Username, notices, now)
        {
            IsTest = first.Cause.StartsWith("test:", StringComparison.Ordinal),
            Note = first.IncidentId is null && !first.Cause.StartsWith("test:", StringComparison.Ordinal) ? first.Reason : null,
        };
    }
}
