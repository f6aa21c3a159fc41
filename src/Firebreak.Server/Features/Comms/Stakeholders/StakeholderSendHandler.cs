using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Comms.Stakeholders;

/// <summary>
/// Sends one queued stakeholder message. Sent, it is a <c>comms_sent</c> timeline line ("Declaration sent to Support
/// (email)"); refused for good (a 4xx, a 5xx from SMTP, a user nobody can reach) or still failing after
/// <see cref="MaxAttempts"/> tries, a line saying so; otherwise it is tried again with the engine's backoff. At least
/// once: a node dying mid-send sends again, with the same id (the email's Message-ID, the webhook's idempotency key).
/// </summary>
public sealed class StakeholderSendHandler(StakeholderDelivery delivery) : IWorkHandler
{
    public const string KindName = "comms-stakeholder-send";

    /// <summary>With backoff capped at 5 minutes, about forty minutes of trying before the timeline says it failed.</summary>
    public const int MaxAttempts = 12;

    internal static readonly Actor Sender = new("system", null, "comms", null);

    public string Kind => KindName;

    public static string Payload(Guid sendId) => sendId.ToString("N");

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var db = work.Db;
        var id = Guid.TryParseExact(work.Item.Payload, "N", out var g) ? g : Guid.Empty;
        var send = await db.StakeholderSends.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (send is null || send.Status != StakeholderSendStatus.Queued)
        {
            return WorkResult.Done;
        }

        var stakeholder = await db.Stakeholders.AsNoTracking().FirstOrDefaultAsync(s => s.Id == send.StakeholderId, ct);
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == send.IncidentId, ct);
        if (stakeholder is null || incident is null)
        {
            return WorkResult.Done;
        }

        var outcome = await delivery.SendAsync(db, stakeholder, send, incident, work.Now, ct);
        send.Attempts++;
        var what = StakeholderSendService.What(send.Kind);
        if (outcome.Sent)
        {
            send.Status = StakeholderSendStatus.Sent;
            send.SentAt = work.Now;
            send.LastError = null;
            EngineLines.Add(work, incident, Sender, TimelineKind.CommsSent, $"{what} sent to {stakeholder.Describe()}");
            return WorkResult.Done;
        }

        send.LastError = Truncate(outcome.Error ?? "failed");
        if (outcome.Permanent || send.Attempts >= MaxAttempts)
        {
            send.Status = StakeholderSendStatus.Failed;
            EngineLines.Add(work, incident, Sender, TimelineKind.CommsSent,
                $"{what} to {stakeholder.Describe()} was not sent after {send.Attempts} attempt(s): {send.LastError}");
            return WorkResult.Done;
        }

        return WorkResult.At(work.Now + WorkRunner.Backoff(send.Attempts));
    }

    private static string Truncate(string error) => error.Length > 1000 ? error[..1000] : error;
}
