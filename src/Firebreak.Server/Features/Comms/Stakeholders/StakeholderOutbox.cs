using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
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
/// here saves. A message to an external stakeholder while the incident's external communication needs approval is
/// stored held, with no work item, and says so on the timeline and in the audit log: it goes once approved
/// (<see cref="StakeholderSendService"/>).
/// </summary>
public static class StakeholderOutbox
{
    // Every incident that opens asks: compiled, EF skips taking the LINQ apart each time.
    private static readonly PerProvider<Func<FirebreakDb, IAsyncEnumerable<Stakeholder>>> s_stakeholders =
        new(() => EF.CompileAsyncQuery((FirebreakDb db) => db.Set<Stakeholder>().AsNoTracking().OrderBy(s => s.Key).Select(s => s)));

    /// <summary>Queues <paramref name="kind"/> about <paramref name="incident"/> (which has its id); returns where it goes ("Support (email)").</summary>
    public static async Task<IReadOnlyList<string>> QueueAsync(
        FirebreakDb db, PublicLinks links, IEnumerable<IExternalCommsApproval> approval, Incident incident, string kind, string text, string? sentBy, DateTimeOffset now, CancellationToken ct)
    {
        // Read first: with no stakeholders at all (most installs), every incident that opens is spared the service lookup.
        var all = await s_stakeholders.For(db)(db).ToListAsync(ct);
        if (all.Count == 0)
        {
            return [];
        }

        var service = incident.ServiceId is { } sid
            ? await db.Services.AsNoTracking().Where(s => s.Id == sid).Select(s => s.Key).FirstOrDefaultAsync(ct) ?? ""
            : "";
        var stakeholders = all.Where(s => s.Wants(kind, service, incident.SeverityKey)).ToList();
        if (stakeholders.Count == 0)
        {
            return [];
        }

        var hold = stakeholders.Any(s => s.External) && await NeedsApprovalAsync(db, approval, incident, ct);
        var message = await new CommsRenderer(db, links).RenderAsync(incident, kind, text, sentBy, ct);
        var recipients = new List<string>();
        foreach (var stakeholder in stakeholders)
        {
            var held = hold && stakeholder.External;
            var send = new StakeholderSend
            {
                IncidentId = incident.Id,
                StakeholderId = stakeholder.Id,
                Kind = kind,
                Subject = message.Subject,
                Text = message.Text,
                Html = message.Html,
                CreatedAt = now,
                Status = held ? StakeholderSendStatus.Held : StakeholderSendStatus.Queued,
            };
            db.StakeholderSends.Add(send);
            if (held)
            {
                Hold(db, incident, stakeholder, send, now);
                recipients.Add($"{stakeholder.Describe()} held for approval");
            }
            else
            {
                WorkQueue.Add(db, StakeholderSendHandler.KindName, now, now, StakeholderSendHandler.Payload(send.Id), incident.Id);
                recipients.Add(stakeholder.Describe());
            }
        }

        return recipients;
    }

    /// <summary>The incident's external communication needs approval by any rule registered (the status page's, today).</summary>
    private static async Task<bool> NeedsApprovalAsync(FirebreakDb db, IEnumerable<IExternalCommsApproval> approval, Incident incident, CancellationToken ct)
    {
        foreach (var rule in approval)
        {
            if (await rule.NeedsApprovalAsync(db, incident, ct))
            {
                return true;
            }
        }

        return false;
    }

    // A line and an audit event per held message, in the same unit of work: what waits, and for whom, is never silent.
    private static void Hold(FirebreakDb db, Incident incident, Stakeholder stakeholder, StakeholderSend send, DateTimeOffset now)
    {
        db.TimelineEntries.Add(IncidentFactory.Entry(StakeholderSendHandler.Sender, now, TimelineKind.CommsSent,
            $"{StakeholderSendService.What(send.Kind)} to {stakeholder.Describe()} held: external communication on this incident waits for the commander's or an admin's approval",
            incident.Id));
        db.AuditEvents.Add(new AuditEvent
        {
            At = now,
            Actor = StakeholderSendHandler.Sender.Name,
            Action = "stakeholder_send.hold",
            Resource = StakeholderSendService.Resource(incident.Number),
            Details = $"send {send.Id:N}, {send.Kind} to {stakeholder.Key}",
        });
    }
}
