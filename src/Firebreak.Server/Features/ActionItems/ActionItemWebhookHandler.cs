using System.Globalization;
using System.Text;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Notifications.Channels;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.ActionItems;

/// <summary>
/// Posts waiting follow-ups to every tracker, oldest first, signed as notification webhooks are
/// (<see cref="WebhookSignature"/>). A refusal (4xx) is final for that tracker; no answer, 408, 429 or 5xx is tried
/// again with a growing wait, up to <see cref="MaxAttempts"/> times, so a tracker down for an afternoon still hears of
/// every change. The Idempotency-Key is the same on every try, so a receiver can drop a repeat.
/// </summary>
public sealed partial class ActionItemWebhookHandler(ActionItemWebhookOptions options, HttpDelivery http, ILogger<ActionItemWebhookHandler> log) : IWorkHandler
{
    public const string KindName = "action_item_webhooks";
    public const int MaxAttempts = 12;

    /// <summary>How often it looks even when nothing woke it, in case a wake-up was lost to a race.</summary>
    private static readonly TimeSpan s_sweep = TimeSpan.FromHours(1);

    private const int Batch = 50;

    public string Kind => KindName;

    public bool Wakeable => true;

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var db = work.Db;
        var due = await db.ActionItemWebhookPosts.Where(p => p.NextAttemptAt <= work.Now).OrderBy(p => p.Id).Take(Batch).ToListAsync(ct);
        foreach (var post in due)
        {
            var done = post.Done.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            post.Attempts++;
            foreach (var target in options.Targets.Where(t => !done.Contains(t.Id)))
            {
                var outcome = await PostAsync(target, post, work.Now, ct);
                if (outcome.Sent || outcome.Permanent || post.Attempts >= MaxAttempts)
                {
                    if (!outcome.Sent)
                    {
                        Log.GaveUp(log, post.Id, target.Url.Host, post.Attempts, outcome.Error);
                    }

                    done.Add(target.Id);
                }
            }

            // A tracker taken out of configuration since is no longer owed anything.
            if (options.Targets.All(t => done.Contains(t.Id)))
            {
                db.ActionItemWebhookPosts.Remove(post);
            }
            else
            {
                post.Done = string.Join(' ', done.Order(StringComparer.Ordinal));
                post.NextAttemptAt = work.Now + RetryAfter(post.Attempts);
            }
        }

        await db.SaveChangesAsync(ct);
        var next = await db.ActionItemWebhookPosts.MinAsync(p => (DateTimeOffset?)p.NextAttemptAt, ct);
        var sweep = work.Now + s_sweep;
        return WorkResult.At(next is { } n && n < sweep ? (n > work.Now ? n : work.Now) : sweep);
    }

    /// <summary>30 s, 1 min, 2 min … capped at an hour.</summary>
    public static TimeSpan RetryAfter(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Min(attempts - 1, 10))));

    private Task<DeliveryOutcome> PostAsync(ActionItemWebhookTarget target, ActionItemWebhookPost post, DateTimeOffset now, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(post.Body);
        // The send time, not the change's: a retry an hour later must still pass a receiver's freshness check.
        var timestamp = now.ToUnixTimeSeconds();
        var headers = new List<KeyValuePair<string, string>>
        {
            new(WebhookSignature.IdempotencyHeader, string.Create(CultureInfo.InvariantCulture, $"action-item-post-{post.Id}-{target.Id}")),
            new(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture)),
        };
        if (target.Secret is { } secret)
        {
            headers.Add(new(WebhookSignature.Header, WebhookSignature.Compute(secret, timestamp, body)));
        }

        return http.PostJsonAsync(target.Url, body, headers, null, ct);
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Action item webhook post {Post} to {Host} given up after {Attempts} attempt(s): {Error}")]
        public static partial void GaveUp(ILogger logger, long post, string host, int attempts, string? error);
    }
}
