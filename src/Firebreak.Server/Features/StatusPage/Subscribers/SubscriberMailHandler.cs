using Firebreak.Server.Engine;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.Notifications.Channels;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>
/// Sends due confirmations and notices, oldest first, then sleeps until the next is due. A notice is held back until
/// <see cref="SubscriberRules.MinNoticeInterval"/> after the last one, and says nothing when the components are back
/// where the last notice left them. SMTP that does not answer is tried again with a growing wait; a refusal is final.
/// </summary>
public sealed partial class SubscriberMailHandler(SmtpSender smtp, StatusPageOptions options, PublicLinks links, ILogger<SubscriberMailHandler> log) : IWorkHandler
{
    public const string KindName = "status_subscribers";
    private const int Batch = 50;
    private static readonly TimeSpan s_sweep = TimeSpan.FromHours(1);

    public string Kind => KindName;

    public bool Wakeable => true;

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var db = work.Db;
        var now = work.Now;
        if (smtp.From is not { } from)
        {
            // Nothing can be sent; the items stay due and go out once SMTP is configured and the server restarted.
            return WorkResult.At(now + s_sweep);
        }

        foreach (var subscriber in await db.StatusSubscribers.Where(s => s.ConfirmationDueAt <= now).OrderBy(s => s.Id).Take(Batch).ToListAsync(ct))
        {
            using var email = SubscriberNotice.Confirmation(from, subscriber, options.Name, links.Base);
            var outcome = await smtp.SendAsync(email, ct);
            subscriber.ConfirmationDueAt = Settle(subscriber, outcome, now);
            if (outcome.Sent)
            {
                subscriber.ConfirmationSentAt = now;
            }
        }

        var components = await db.StatusComponents.AsNoTracking().ToListAsync(ct);
        foreach (var subscriber in await db.StatusSubscribers.Where(s => s.ConfirmedAt != null && s.NoticeDueAt <= now).OrderBy(s => s.Id).Take(Batch).ToListAsync(ct))
        {
            if (subscriber.LastNoticeAt is { } last && last + SubscriberRules.MinNoticeInterval > now)
            {
                subscriber.NoticeDueAt = last + SubscriberRules.MinNoticeInterval;
                continue;
            }

            var told = SubscriberNotice.Told(components, subscriber.Components);
            var after = await PublicUpdatesTold.AfterAsync(db, subscriber, ct);
            var updates = after.Where(u => PublicUpdatesTold.Concerns(u, subscriber.Components)).ToList();
            if (told == subscriber.LastTold && updates.Count == 0)
            {
                subscriber.NoticeDueAt = null;
                MoveCursor(subscriber, after);
                continue;
            }

            using var email = SubscriberNotice.Notice(from, subscriber, components, updates, options.Name, links.Base);
            var outcome = await smtp.SendAsync(email, ct);
            subscriber.NoticeDueAt = Settle(subscriber, outcome, now);
            if (outcome.Sent)
            {
                subscriber.LastTold = told;
                subscriber.LastNoticeAt = now;
                MoveCursor(subscriber, after);
            }
        }

        await db.SaveChangesAsync(ct);
        var next = await db.StatusSubscribers.Where(s => s.ConfirmationDueAt != null).MinAsync(s => s.ConfirmationDueAt, ct);
        var notice = await db.StatusSubscribers.Where(s => s.ConfirmedAt != null && s.NoticeDueAt != null).MinAsync(s => s.NoticeDueAt, ct);
        var soonest = new[] { next, notice, now + s_sweep }.Where(t => t is not null).Min()!.Value;
        return WorkResult.At(soonest > now ? soonest : now);
    }

    private static void MoveCursor(StatusSubscriber subscriber, List<ToldUpdate> after)
    {
        if (after.Count > 0)
        {
            (subscriber.LastUpdateAt, subscriber.LastUpdateId) = (after[^1].PublishedAt, after[^1].Id);
        }
    }

    /// <summary>When to try again: never after a send or a final refusal, later after no answer.</summary>
    private DateTimeOffset? Settle(StatusSubscriber subscriber, DeliveryOutcome outcome, DateTimeOffset now)
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
        [LoggerMessage(LogLevel.Warning, "Status page subscriber {Id}: gave up after {Attempts} attempt(s): {Error}")]
        public static partial void GaveUp(ILogger logger, long id, int attempts, string? error);
    }
}
