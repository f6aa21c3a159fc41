using Firebreak.Server.Engine;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Comms.Stakeholders;

/// <summary>
/// Queues a message for every stakeholder who wants it: rendered once from the comms templates, one send row and one
/// engine work item per stakeholder, in the caller's unit of work, so the messages commit with what caused them and go
/// out after a restart too. Rendered through the caller's context, which holds the incident's unsaved changes. Nothing
/// here saves.
/// </summary>
public static class StakeholderOutbox
{
    /// <summary>Queues <paramref name="kind"/> about <paramref name="incident"/> (which has its id); returns where it goes ("Support (email)").</summary>
    public static async Task<IReadOnlyList<string>> QueueAsync(FirebreakDb db, PublicLinks links, Incident incident, string kind, string text, string? sentBy, DateTimeOffset now, CancellationToken ct)
    {
        var service = incident.ServiceId is { } sid
            ? await db.Services.AsNoTracking().Where(s => s.Id == sid).Select(s => s.Key).FirstOrDefaultAsync(ct) ?? ""
            : "";
        var stakeholders = (await db.Stakeholders.AsNoTracking().OrderBy(s => s.Key).ToListAsync(ct))
            .Where(s => s.Wants(kind, service, incident.SeverityKey)).ToList();
        if (stakeholders.Count == 0)
        {
            return [];
        }

        var message = await new CommsRenderer(db, links).RenderAsync(incident, kind, text, sentBy, ct);
        foreach (var stakeholder in stakeholders)
        {
            var send = new StakeholderSend
            {
                IncidentId = incident.Id,
                StakeholderId = stakeholder.Id,
                Kind = kind,
                Subject = message.Subject,
                Text = message.Text,
                Html = message.Html,
                CreatedAt = now,
            };
            db.StakeholderSends.Add(send);
            WorkQueue.Add(db, StakeholderSendHandler.KindName, now, now, StakeholderSendHandler.Payload(send.Id), incident.Id);
        }

        return [.. stakeholders.Select(s => s.Describe())];
    }
}
