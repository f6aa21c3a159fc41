using System.Globalization;
using System.Security.Cryptography;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.Notifications.Channels;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>
/// Posts due notices to webhook subscribers, as <see cref="SubscriberMailHandler"/> emails them: at most one per
/// <see cref="SubscriberRules.MinNoticeInterval"/> per subscriber, nothing when the components are back where the last
/// notice left them, a transient failure (timeout, 408, 429, 5xx) tried again with a growing wait, and a 4xx or a host
/// the outbound rules refuse (judged again now: the rules may have changed since it was created) final.
/// </summary>
public sealed partial class SubscriberWebhookHandler(
    HttpDelivery http, OutboundHosts outbound, IDataProtectionProvider protection, StatusPageOptions options, PublicLinks links, ILogger<SubscriberWebhookHandler> log)
    : IWorkHandler
{
    public const string KindName = "status_subscriber_webhooks";
    private const int Batch = 50;
    private static readonly TimeSpan s_sweep = TimeSpan.FromHours(1);

    public string Kind => KindName;

    public bool Wakeable => true;

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var db = work.Db;
        var now = work.Now;
        var components = await db.StatusComponents.AsNoTracking().ToListAsync(ct);
        foreach (var subscriber in await db.StatusWebhookSubscribers.Where(s => s.NoticeDueAt <= now).OrderBy(s => s.Id).Take(Batch).ToListAsync(ct))
        {
            if (subscriber.LastNoticeAt is { } last && last + SubscriberRules.MinNoticeInterval > now)
            {
                subscriber.NoticeDueAt = last + SubscriberRules.MinNoticeInterval;
                continue;
            }

            var told = SubscriberNotice.Told(components, subscriber.Components);
            var after = await PublicUpdatesTold.AfterAsync(db, subscriber.LastUpdateAt, subscriber.LastUpdateId, ct);
            var updates = after.Where(u => PublicUpdatesTold.Concerns(u, subscriber.Components)).ToList();
            if (told == subscriber.LastTold && updates.Count == 0)
            {
                subscriber.NoticeDueAt = null;
                MoveCursor(subscriber, after);
                continue;
            }

            var id = WebhookNotice.Id(subscriber, told, updates);
            var body = WebhookNotice.Body(id, subscriber, components, updates, options.Name, links.Base, now);
            var outcome = await PostAsync(subscriber, id, body, now, ct);
            subscriber.NoticeDueAt = Settle(subscriber, outcome, now);
            if (outcome.Sent)
            {
                subscriber.LastTold = told;
                subscriber.LastNoticeAt = now;
                MoveCursor(subscriber, after);
            }
        }

        await db.SaveChangesAsync(ct);
        var next = await db.StatusWebhookSubscribers.Where(s => s.NoticeDueAt != null).MinAsync(s => s.NoticeDueAt, ct);
        var soonest = next is { } n && n < now + s_sweep ? n : now + s_sweep;
        return WorkResult.At(soonest > now ? soonest : now);
    }

    private async Task<DeliveryOutcome> PostAsync(StatusWebhookSubscriber subscriber, string id, byte[] body, DateTimeOffset now, CancellationToken ct)
    {
        if (!Uri.TryCreate(subscriber.Url, UriKind.Absolute, out var url))
        {
            return DeliveryOutcome.Failed("not an absolute URL", permanent: true);
        }

        if (outbound.Problem(url) is { } refused)
        {
            return DeliveryOutcome.Failed(refused, permanent: true);
        }

        string secret;
        try
        {
            secret = WebhookSubscriberService.Protector(protection).Unprotect(subscriber.SecretProtected);
        }
        catch (CryptographicException)
        {
            // The keys that encrypted it are gone (a restore onto another server): only a new subscriber fixes that.
            return DeliveryOutcome.Failed("its signing secret cannot be decrypted with this server's keys; create it again", permanent: true);
        }

        // The send time, not the notice's: a retry later must still pass a receiver's freshness check.
        var timestamp = now.ToUnixTimeSeconds();
        return await http.PostJsonAsync(url, body, [
            new(WebhookSignature.IdempotencyHeader, id),
            new(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture)),
            new(WebhookSignature.Header, WebhookSignature.Compute(secret, timestamp, body)),
        ], null, ct);
    }

    private static void MoveCursor(StatusWebhookSubscriber subscriber, List<ToldUpdate> after)
    {
        if (after.Count > 0)
        {
            (subscriber.LastUpdateAt, subscriber.LastUpdateId) = (after[^1].PublishedAt, after[^1].Id);
        }
    }

    /// <summary>When to try again: never after a send or a final refusal, later after no answer.</summary>
    private DateTimeOffset? Settle(StatusWebhookSubscriber subscriber, DeliveryOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Sent)
        {
            subscriber.FailedAttempts = 0;
            return null;
        }

        subscriber.FailedAttempts++;
        if (outcome.Permanent || subscriber.FailedAttempts >= SubscriberRules.MaxAttempts)
        {
            Log.GaveUp(log, subscriber.Id, subscriber.FailedAttempts, outcome.Error);
            subscriber.FailedAttempts = 0;
            return null;
        }

        return now + SubscriberRules.RetryAfter(subscriber.FailedAttempts);
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Status page webhook subscriber {Id}: gave up after {Attempts} attempt(s): {Error}")]
        public static partial void GaveUp(ILogger logger, long id, int attempts, string? error);
    }
}
