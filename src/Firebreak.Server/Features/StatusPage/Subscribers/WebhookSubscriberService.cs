using System.Security.Cryptography;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>What an admin sends to create a subscriber: only <c>kind: webhook</c> here (email subscribers opt in themselves).</summary>
/// <param name="Secret">The signing secret; left out, one is generated and returned once.</param>
public sealed record CreateStatusSubscriberRequest(string? Kind = null, string? Url = null, IReadOnlyList<string>? Components = null, string? Secret = null);

/// <summary>A webhook subscriber as admins see it; never its secret.</summary>
public sealed record WebhookSubscriberDto(long Id, string Kind, string Url, IReadOnlyList<string> Components, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastNoticeAt);

/// <param name="Secret">The generated signing secret, this once; null when the admin gave one (it is not echoed).</param>
public sealed record WebhookSubscriberCreatedDto(long Id, string Kind, string Url, IReadOnlyList<string> Components, DateTimeOffset CreatedAt, string? Secret);

/// <summary>
/// Webhook subscribers of the status page: created, listed and removed by admins, their URL judged by the outbound rules
/// (<see cref="OutboundHosts"/>) when created and again when sending, their secret encrypted at rest. What is sent is
/// <see cref="SubscriberWebhookHandler"/>'s.
/// </summary>
public sealed class WebhookSubscriberService(FirebreakDb db, AuditLog audit, TimeProvider clock, OutboundHosts outbound, IDataProtectionProvider protection)
{
    public const string Kind = "webhook";
    public const int MaxUrlLength = 2000;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    private const string Purpose = "Firebreak.StatusPage.WebhookSubscribers";

    public static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector(Purpose);

    public async Task<Outcome<WebhookSubscriberCreatedDto>> CreateAsync(Actor actor, CreateStatusSubscriberRequest request, CancellationToken ct)
    {
        if (request.Kind != Kind)
        {
            return Failure.Invalid("kind", request.Kind == "email"
                ? "Email subscribers subscribe themselves on /status/subscribe and confirm from their inbox; admins create webhook subscribers: {\"kind\": \"webhook\", \"url\": \"https://…\"}."
                : "Give the kind of subscriber: {\"kind\": \"webhook\", \"url\": \"https://…\", \"components\": [], \"secret\": optional}.");
        }

        var errors = new Dictionary<string, string[]>();
        var text = request.Url?.Trim() ?? "";
        if (text.Length is 0 or > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            errors["url"] = [$"Give the receiver's http(s) URL, at most {MaxUrlLength} characters."];
        }
        else if (outbound.Problem(url) is { } refused)
        {
            errors["url"] = [refused];
        }

        if (request.Secret is { } given && (given.Length < MinSecretLength || given.Length > MaxSecretLength))
        {
            errors["secret"] = [$"A signing secret is {MinSecretLength} to {MaxSecretLength} characters; leave it out and one is generated."];
        }

        var components = (request.Components ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var all = await db.StatusComponents.AsNoTracking().ToListAsync(ct);
        if (components.FirstOrDefault(c => all.All(k => k.Key != c)) is { } unknown)
        {
            errors["components"] = [$"No component '{unknown}' on the status page; GET /api/v1/status-components lists them, or give none for all."];
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var generated = request.Secret is null ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) : null;
        var now = clock.GetUtcNow();
        var keys = string.Join(' ', components);
        var subscriber = new StatusWebhookSubscriber
        {
            Url = text,
            SecretProtected = Protector(protection).Protect(request.Secret ?? generated!),
            Components = keys,
            CreatedAt = now,
            CreatedBy = actor.Name,
            // Told from now on: where the components stand and the public updates already out are not news to it.
            LastTold = SubscriberNotice.Told(all, keys),
        };
        if (await PublicUpdatesTold.LatestAsync(db, ct) is { } latest)
        {
            (subscriber.LastUpdateAt, subscriber.LastUpdateId) = (latest.At, latest.Id);
        }

        db.StatusWebhookSubscribers.Add(subscriber);
        await db.SaveChangesAsync(ct);
        // The host only: a webhook URL can be a credential, and the audit log is read by more people than admins.
        audit.Record(actor, "status_subscriber.create", Resource(subscriber.Id), $"webhook to {new Uri(text).Host}, {(keys.Length == 0 ? "all components" : keys)}");
        await db.SaveChangesAsync(ct);
        return new WebhookSubscriberCreatedDto(subscriber.Id, Kind, subscriber.Url, components, now, generated);
    }

    public async Task<IReadOnlyList<WebhookSubscriberDto>> ListAsync(CancellationToken ct) =>
        [.. (await db.StatusWebhookSubscribers.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct))
            .Select(s => new WebhookSubscriberDto(s.Id, Kind, s.Url, s.Components.Split(' ', StringSplitOptions.RemoveEmptyEntries), s.CreatedAt, s.CreatedBy, s.LastNoticeAt))];

    public async Task<Outcome<bool>> DeleteAsync(Actor actor, long id, CancellationToken ct)
    {
        if (await db.StatusWebhookSubscribers.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } subscriber)
        {
            return Failure.NotFound($"No webhook subscriber {id}. GET /api/v1/status-subscribers/webhooks lists them.");
        }

        db.StatusWebhookSubscribers.Remove(subscriber);
        audit.Record(actor, "status_subscriber.delete", Resource(id));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>As <see cref="SubscriberService.NoticeDueAsync"/>, for webhook subscribers: marked in the caller's unit of work.</summary>
    public static async Task NoticeDueAsync(FirebreakDb db, IReadOnlyCollection<string> componentKeys, DateTimeOffset now, CancellationToken ct)
    {
        var waiting = await db.StatusWebhookSubscribers.Where(s => s.NoticeDueAt == null).ToListAsync(ct);
        var marked = waiting.Where(s => componentKeys.Count == 0 || s.Components.Length == 0
            || s.Components.Split(' ', StringSplitOptions.RemoveEmptyEntries).Intersect(componentKeys, StringComparer.Ordinal).Any()).ToList();
        foreach (var subscriber in marked)
        {
            subscriber.NoticeDueAt = now;
        }

        if (marked.Count > 0)
        {
            await WorkQueue.WakeAsync(db, SubscriberWebhookHandler.KindName, now, ct);
        }
    }

    private static string Resource(long id) => $"status-webhook-subscriber/{id}";
}
