using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Notifications;

/// <summary>
/// Sends one queued delivery; the outcome, a retry or a fallback channel, and the timeline line commit together
/// afterwards. Delivery is at least once: a node that dies mid-send leaves the delivery queued under a lease that runs
/// out, and the next node sends it again with the same idempotency key (a webhook header, the email's Message-ID), so
/// the receiver can drop the repeat. A lost page is worse at 3 a.m. than a repeated one, and not committing before the
/// send keeps a commit off the path from alert to page.
/// </summary>
public sealed class NotifyHandler(
    ChannelSet channels,
    ChannelBreakers breakers,
    NotificationOptions options,
    PublicLinks links,
    NotificationMetrics metrics,
    WorkRunnerOptions engine) : IWorkHandler
{
    public const string KindName = "notify";

    internal static readonly Actor Notifier = new("system", null, "notifications", null);

    public string Kind => KindName;

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var db = work.Db;
        var id = Guid.TryParseExact(work.Item.Payload, "N", out var g) ? g : Guid.Empty;
        var facts = await PagingQueries.For(db).DeliveryToSend(db, id, work.Now - options.BurstWindow, Math.Max(0, options.BurstLimit), ct);
        // "sending" is left by versions that committed it before the send; at least once, it goes out again.
        if (facts is null || facts.Delivery.Status is not (DeliveryStatus.Queued or DeliveryStatus.Sending))
        {
            return WorkResult.Done;
        }

        var delivery = facts.Delivery;
        db.Attach(delivery);
        var incident = facts.Incident;
        if (incident is not null)
        {
            incident.Service = facts.Service;
        }

        if (CancelReason(delivery, incident) is { } why)
        {
            Finish(delivery, DeliveryStatus.Cancelled, why, work.Now);
            return WorkResult.Done;
        }

        var key = BreakerKey(delivery);
        if (breakers.Refusal(key) is { } refusal)
        {
            await FailAsync(work, delivery, incident, DeliveryOutcome.Failed(refusal, permanent: true), ct);
            return WorkResult.Done;
        }

        if (incident is not null && facts.RecentSends >= options.BurstLimit)
        {
            delivery.Status = DeliveryStatus.Bundled;
            metrics.Notifications.WithLabels(Channel(delivery), "bundled").Inc();
            if (!await db.WorkItems.AnyAsync(w => w.Kind == BundleHandler.KindName && w.Payload == BundleHandler.PayloadFor(delivery), ct))
            {
                WorkQueue.Add(db, BundleHandler.KindName, work.Now + options.BundleDelay, work.Now, BundleHandler.PayloadFor(delivery));
            }

            return WorkResult.Done;
        }

        var address = Address(delivery, facts.Method, facts.AccountEmail);
        if (address is null)
        {
            await FailAsync(work, delivery, incident, DeliveryOutcome.Failed("the contact method or account email is gone", permanent: true), ct);
            return WorkResult.Done;
        }

        var message = await NotificationComposer.ComposeAsync(db, links, delivery.IdempotencyKey, [delivery], work.Now, ct, incident);
        var outcome = await SendWithinLeaseAsync(work, address, message, ct);
        breakers.Record(key, outcome.Sent);
        if (outcome.Sent)
        {
            Finish(delivery, DeliveryStatus.Sent, null, work.Now);
            metrics.Notifications.WithLabels(Channel(delivery), "sent").Inc();
            Note(work, incident, $"Notified {Describe(delivery)} ({delivery.Reason})");
        }
        else
        {
            await FailAsync(work, delivery, incident, outcome, ct);
        }

        return WorkResult.Done;
    }

    /// <summary>
    /// Sends, giving up before this node's lease on the item runs out: past it another node may claim the item and
    /// send too. A lease nearly spent (a long batch) is renewed first; that commit fails if another node took over.
    /// </summary>
    internal async Task<DeliveryOutcome> SendWithinLeaseAsync(WorkContext work, ContactAddress address, NotificationMessage message, CancellationToken ct)
    {
        // Up to 5 s of the lease is kept back for recording the outcome; a short lease (tests, tuned nodes) keeps a quarter.
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, engine.Lease.Ticks / 4));
        var left = (work.Item.LeaseUntil ?? work.Now) - work.Now - margin;
        if (left < TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(20).Ticks, engine.Lease.Ticks / 2)))
        {
            work.Item.LeaseUntil = work.Now + engine.Lease;
            await work.Db.SaveChangesAsync(ct);
            left = engine.Lease - margin;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(left);
        try
        {
            return await channels.SendAsync(address, message, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryOutcome.Failed($"the send did not finish within {left.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return DeliveryOutcome.Failed(ex.Message);
        }
    }

    /// <summary>Records a failure, then retries the same channel later or falls back to the person's next channel.</summary>
    private async Task FailAsync(WorkContext work, NotificationDelivery delivery, Incident? incident, DeliveryOutcome outcome, CancellationToken ct)
    {
        var db = work.Db;
        Finish(delivery, DeliveryStatus.Failed, outcome.Error, work.Now);
        metrics.Notifications.WithLabels(Channel(delivery), "failed").Inc();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == delivery.UserId, ct);
        if (user is null)
        {
            return;
        }

        var method = delivery.ContactMethodId is { } mid ? await db.ContactMethods.AsNoTracking().FirstOrDefaultAsync(c => c.Id == mid, ct) : null;
        if (!outcome.Permanent && delivery.Attempt + 1 < options.Attempts && (method is not null || delivery.ContactMethodId is null))
        {
            var wait = options.RetryAfter(delivery.Attempt);
            Pager.Queue(db, delivery.IncidentId, user, method, delivery.Cause, delivery.Reason, delivery.Attempt + 1, work.Now + wait, work.Now);
            Note(work, incident, $"{Describe(delivery)} failed ({outcome.Error}); retrying in {Wait(wait)}");
            return;
        }

        var fallback = await FallBackAsync(work, delivery, ct);
        Note(work, incident, fallback is not null
            ? $"{Describe(delivery)} failed ({outcome.Error}); falling back to {Pager.Name(fallback)} ({fallback.Label})"
            : $"Could not reach {delivery.Username}: {Pager.Name(method)} failed ({outcome.Error}) and no other channel is left");
    }

    /// <summary>
    /// Queues the page again, at once, on the person's next contact method of another kind not yet tried for it;
    /// returns that method, or null when none is left.
    /// </summary>
    internal static async Task<ContactMethod?> FallBackAsync(WorkContext work, NotificationDelivery delivery, CancellationToken ct)
    {
        var db = work.Db;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == delivery.UserId, ct);
        if (user is null || delivery.IncidentId is null)
        {
            return null;
        }

        var tried = await db.NotificationDeliveries.AsNoTracking()
            .Where(d => d.IncidentId == delivery.IncidentId && d.Cause == delivery.Cause && d.UserId == delivery.UserId)
            .Where(d => d.ContactMethodId != null).Select(d => d.ContactMethodId!.Value).Distinct().ToListAsync(ct);
        var fallback = await db.ContactMethods.AsNoTracking()
            .Where(c => c.UserId == user.Id && !tried.Contains(c.Id) && c.Kind != delivery.Channel)
            .OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        if (fallback is not null)
        {
            Pager.Queue(db, delivery.IncidentId, user, fallback, delivery.Cause, delivery.Reason, 0, work.Now, work.Now);
        }

        return fallback;
    }

    private static string? CancelReason(NotificationDelivery delivery, Incident? incident) => incident switch
    {
        null when delivery.IncidentId is not null => "the incident no longer exists",
        { ResolvedAt: not null } => "the incident was resolved first",
        { LastAcknowledgedAt: not null } when delivery.Cause.StartsWith("step:", StringComparison.Ordinal) => "the incident was acknowledged first",
        _ => null,
    };

    internal static async Task<ContactAddress?> AddressAsync(FirebreakDb db, NotificationDelivery delivery, CancellationToken ct)
    {
        var queries = PagingQueries.For(db);
        return delivery.ContactMethodId is { } id
            ? Address(delivery, await queries.Method(db, id, ct), null)
            : Address(delivery, null, await queries.AccountEmail(db, delivery.UserId, ct));
    }

    /// <summary>The delivery's contact method, or the account's email for a delivery without one; null when that is gone.</summary>
    private static ContactAddress? Address(NotificationDelivery delivery, ContactMethod? method, string? accountEmail) =>
        delivery.ContactMethodId is not null ? method?.ToAddress()
        : string.IsNullOrWhiteSpace(accountEmail) ? null
        : new ContactAddress(ContactKind.Email, accountEmail);

    internal static void Finish(NotificationDelivery delivery, DeliveryStatus status, string? error, DateTimeOffset now)
    {
        delivery.Status = status;
        delivery.Error = error is { Length: > 1000 } ? error[..1000] : error;
        delivery.FinishedAt = now;
    }

    internal static void Note(WorkContext work, Incident? incident, string text) =>
        EngineLines.Add(work, incident, Notifier, TimelineKind.Notification, text);

    internal static string BreakerKey(NotificationDelivery d) => d.ContactMethodId is { } id ? $"cm:{id}" : $"account-email:{d.UserId}";

    internal static string Channel(NotificationDelivery d) => d.Channel.ToString().ToLowerInvariant();

    private static string Describe(NotificationDelivery d) => $"{d.Username} by {Channel(d)}";

    internal static string Wait(TimeSpan t) => t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.#} min" : $"{t.TotalSeconds:0} s";
}
