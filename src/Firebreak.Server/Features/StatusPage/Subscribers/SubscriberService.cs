using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>A subscriber as the public and admins see one: never shown on any public page or document.</summary>
public sealed record StatusSubscriberDto(long Id, string Email, IReadOnlyList<string> Components, bool Confirmed, DateTimeOffset CreatedAt, DateTimeOffset? LastNoticeAt);

/// <summary>
/// Subscribing (double opt-in), confirming and unsubscribing, and marking subscribers due a notice when a component
/// they watch changes. What is sent, and when, is <see cref="SubscriberMailHandler"/>'s.
/// </summary>
public sealed class SubscriberService(FirebreakDb db, AuditLog audit, TimeProvider clock)
{
    /// <summary>
    /// Asks for a confirmation email. The answer is the same whether the address is new, pending or already confirmed,
    /// so the form cannot be used to learn who subscribes; a confirmed subscription is left as it is.
    /// </summary>
    public async Task<Outcome<bool>> SubscribeAsync(Actor actor, string? email, IReadOnlyList<string> components, CancellationToken ct)
    {
        var address = SubscriberRules.NormalizeEmail(email);
        if (address is null)
        {
            return Failure.Invalid("email", "Enter one email address, such as you@example.com.");
        }

        var known = await db.StatusComponents.Select(c => c.Key).ToListAsync(ct);
        var unknown = components.Where(c => !known.Contains(c, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            return Failure.Invalid("components", $"No component '{unknown[0]}' on this page; choose from the list, or none for all.");
        }

        var now = clock.GetUtcNow();
        var keys = string.Join(' ', components.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var subscriber = await db.StatusSubscribers.FirstOrDefaultAsync(s => s.Email == address, ct);
        if (subscriber is null)
        {
            subscriber = new StatusSubscriber { Email = address, Components = keys, Token = SubscriberRules.NewToken(), CreatedAt = now, ConfirmationDueAt = now };
            db.StatusSubscribers.Add(subscriber);
            await db.SaveChangesAsync(ct);
            audit.Record(actor, "status_subscriber.create", $"status-subscriber/{subscriber.Id}", keys.Length == 0 ? "all components" : keys);
        }
        else if (subscriber.ConfirmedAt is null)
        {
            subscriber.Components = keys;
            var earliest = subscriber.ConfirmationSentAt is { } sent ? sent + SubscriberRules.ConfirmationResendAfter : now;
            subscriber.ConfirmationDueAt = earliest > now ? earliest : now;
        }

        await WakeAsync(db, now, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<StatusSubscriber?> FindAsync(string? token, CancellationToken ct) =>
        string.IsNullOrEmpty(token) ? null : await db.StatusSubscribers.AsNoTracking().FirstOrDefaultAsync(s => s.Token == token, ct);

    /// <summary>Confirms, once; what the components are now is what the first notice compares against.</summary>
    public async Task<StatusSubscriber?> ConfirmAsync(Actor actor, string? token, CancellationToken ct)
    {
        var subscriber = string.IsNullOrEmpty(token) ? null : await db.StatusSubscribers.FirstOrDefaultAsync(s => s.Token == token, ct);
        if (subscriber is null || subscriber.ConfirmedAt is not null)
        {
            return subscriber;
        }

        subscriber.ConfirmedAt = clock.GetUtcNow();
        subscriber.ConfirmationDueAt = null;
        subscriber.LastTold = SubscriberNotice.Told(await db.StatusComponents.AsNoTracking().ToListAsync(ct), subscriber.Components);
        if (await PublicUpdatesTold.LatestAsync(db, ct) is { } latest)
        {
            (subscriber.LastUpdateAt, subscriber.LastUpdateId) = (latest.At, latest.Id);
        }

        audit.Record(actor, "status_subscriber.confirm", $"status-subscriber/{subscriber.Id}");
        await db.SaveChangesAsync(ct);
        return subscriber;
    }

    public async Task<bool> UnsubscribeAsync(Actor actor, string? token, CancellationToken ct)
    {
        var subscriber = string.IsNullOrEmpty(token) ? null : await db.StatusSubscribers.FirstOrDefaultAsync(s => s.Token == token, ct);
        return subscriber is not null && await RemoveAsync(actor, subscriber, "status_subscriber.unsubscribe", ct);
    }

    public async Task<IReadOnlyList<StatusSubscriberDto>> ListAsync(CancellationToken ct) =>
        [.. (await db.StatusSubscribers.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct)).Select(ToDto)];

    public async Task<Outcome<bool>> DeleteAsync(Actor actor, long id, CancellationToken ct) =>
        await db.StatusSubscribers.FirstOrDefaultAsync(s => s.Id == id, ct) is { } subscriber
            ? await RemoveAsync(actor, subscriber, "status_subscriber.delete", ct)
            : Failure.NotFound($"No status page subscriber {id}. GET /api/v1/status-subscribers lists them.");

    /// <summary>
    /// Marks every confirmed subscriber watching any of <paramref name="componentKeys"/> (everyone, when none are named)
    /// as due a notice, on tracked rows, so the mark commits with the change: a change that commits is always told, even
    /// if the server stops before sending.
    /// </summary>
    public static async Task NoticeDueAsync(FirebreakDb db, IReadOnlyCollection<string> componentKeys, DateTimeOffset now, CancellationToken ct)
    {
        await WebhookSubscriberService.NoticeDueAsync(db, componentKeys, now, ct);
        var waiting = await db.StatusSubscribers.Where(s => s.ConfirmedAt != null && s.NoticeDueAt == null).ToListAsync(ct);
        var marked = waiting.Where(s => componentKeys.Count == 0 || s.Components.Length == 0
            || s.Components.Split(' ', StringSplitOptions.RemoveEmptyEntries).Intersect(componentKeys, StringComparer.Ordinal).Any()).ToList();
        foreach (var subscriber in marked)
        {
            subscriber.NoticeDueAt = now;
        }

        if (marked.Count > 0)
        {
            await WakeAsync(db, now, ct);
        }
    }

    private async Task<bool> RemoveAsync(Actor actor, StatusSubscriber subscriber, string action, CancellationToken ct)
    {
        db.StatusSubscribers.Remove(subscriber);
        audit.Record(actor, action, $"status-subscriber/{subscriber.Id}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    // One standing item sends every due confirmation and notice; a change only wakes it.
    private static Task WakeAsync(FirebreakDb db, DateTimeOffset now, CancellationToken ct) =>
        WorkQueue.WakeAsync(db, SubscriberMailHandler.KindName, now, ct);

    private static StatusSubscriberDto ToDto(StatusSubscriber s) =>
        new(s.Id, s.Email, s.Components.Split(' ', StringSplitOptions.RemoveEmptyEntries), s.ConfirmedAt is not null, s.CreatedAt, s.LastNoticeAt);
}
