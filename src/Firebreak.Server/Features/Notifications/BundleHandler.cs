using Firebreak.Server.Engine;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications.Channels;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Notifications;

/// <summary>
/// Sends the pages held back during a burst to one contact method as a single message listing every incident still
/// unacknowledged, so a storm reaches a person as one email or chat post rather than hundreds. A bundle that fails is
/// retried like a single page, then each of its pages falls back to the person's next channel of another kind.
/// </summary>
public sealed class BundleHandler(NotifyHandler notify, ChannelBreakers breakers, PublicLinks links, NotificationMetrics metrics, NotificationOptions options) : IWorkHandler
{
    public const string KindName = "bundle";

    public string Kind => KindName;

    public static string PayloadFor(NotificationDelivery d) => $"{d.UserId}:{d.ContactMethodId}:{d.Channel}";

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var db = work.Db;
        var held = (await db.NotificationDeliveries.Where(d => d.Status == DeliveryStatus.Bundled).ToListAsync(ct))
            .Where(d => PayloadFor(d) == work.Item.Payload).OrderBy(d => d.CreatedAt).ToList();
        var incidentIds = held.Select(d => d.IncidentId).OfType<long>().Distinct().ToList();
        var incidents = await db.Incidents.Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var still = new List<NotificationDelivery>();
        foreach (var d in held)
        {
            var incident = d.IncidentId is { } id ? incidents.GetValueOrDefault(id) : null;
            if (incident is null || incident.ResolvedAt is not null || (incident.LastAcknowledgedAt is not null && d.Cause.StartsWith("step:", StringComparison.Ordinal)))
            {
                NotifyHandler.Finish(d, DeliveryStatus.Cancelled, "acknowledged or resolved before the bundle went out", work.Now);
            }
            else
            {
                still.Add(d);
            }
        }

        if (still.Count == 0 || await NotifyHandler.AddressAsync(db, still[0], ct) is not { } address)
        {
            still.ForEach(d => NotifyHandler.Finish(d, DeliveryStatus.Failed, "the contact method or account email is gone", work.Now));
            return WorkResult.Done;
        }

        var bundle = Guid.NewGuid();
        still.ForEach(d => d.BundledInto = bundle);
        var message = await NotificationComposer.ComposeAsync(db, links, $"bundle:{bundle:N}", still, work.Now, ct);
        var outcome = await notify.SendWithinLeaseAsync(work, address, message, ct);
        breakers.Record(NotifyHandler.BreakerKey(still[0]), outcome.Sent);
        var channel = NotifyHandler.Channel(still[0]);
        var attempt = still.Max(d => d.Attempt);
        var retry = !outcome.Sent && !outcome.Permanent && attempt + 1 < options.Attempts;
        foreach (var d in still)
        {
            var incident = d.IncidentId is { } id ? incidents.GetValueOrDefault(id) : null;
            if (outcome.Sent)
            {
                NotifyHandler.Finish(d, DeliveryStatus.Sent, null, work.Now);
                metrics.Notifications.WithLabels(channel, "sent").Inc();
                NotifyHandler.Note(work, incident, $"Notified {d.Username} by {channel} in one message with {still.Count} incidents ({d.Reason})");
            }
            else if (retry)
            {
                // Held for the next try, which lists whatever is still unacknowledged then.
                d.BundledInto = null;
                d.Attempt = attempt + 1;
                d.Error = outcome.Error;
                metrics.Notifications.WithLabels(channel, "failed").Inc();
                NotifyHandler.Note(work, incident,
                    $"A bundled {channel} message to {d.Username} with {still.Count} incidents failed ({outcome.Error}); retrying in {NotifyHandler.Wait(options.RetryAfter(attempt))}");
            }
            else
            {
                NotifyHandler.Finish(d, DeliveryStatus.Failed, outcome.Error, work.Now);
                metrics.Notifications.WithLabels(channel, "failed").Inc();
                var fallback = await NotifyHandler.FallBackAsync(work, d, ct);
                NotifyHandler.Note(work, incident, fallback is null
                    ? $"A bundled {channel} message to {d.Username} with {still.Count} incidents failed ({outcome.Error}) and no other channel is left"
                    : $"A bundled {channel} message to {d.Username} with {still.Count} incidents failed ({outcome.Error}); falling back to {Pager.Name(fallback)} ({fallback.Label})");
            }
        }

        return retry ? WorkResult.At(work.Now + options.RetryAfter(attempt)) : WorkResult.Done;
    }
}
