using System.Text.Json;
using Firebreak.Server.Engine;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.ActionItems;

/// <summary>One field a change moved, as text; null where it was or became empty.</summary>
public sealed record ActionItemChange(string Field, string? From, string? To);

/// <summary>
/// Queues a post to the configured trackers in the same transaction as the change, so a change that commits is
/// announced even if the server stops before sending, and one that rolls back never is. The body is fixed now: a
/// retry later says what the item was then. Secrets stay in configuration, never in the database.
/// </summary>
public sealed class ActionItemWebhooks(ActionItemWebhookOptions options)
{
    public const string Created = "action_item.created";
    public const string Updated = "action_item.updated";

    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task QueueAsync(FirebreakDb db, string @event, ActionItemDto item, IReadOnlyList<ActionItemChange> changes, DateTimeOffset now, CancellationToken ct)
    {
        if (options.Targets.Count == 0)
        {
            return;
        }

        db.ActionItemWebhookPosts.Add(new ActionItemWebhookPost
        {
            Body = JsonSerializer.Serialize(new { @event, at = now, item, changes }, Json),
            CreatedAt = now,
            NextAttemptAt = now,
        });

        // One standing item sends every waiting post in order; a change only wakes it.
        await WorkQueue.WakeAsync(db, ActionItemWebhookHandler.KindName, now, ct);
    }
}
