using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Notifications;

public sealed record ContactMethodRequest(string? Kind, string? Label, string? Address, string? Secret);

/// <summary>A contact method as shown back: the address, never the signing secret.</summary>
public sealed record ContactMethodDto(long Id, string Kind, string Label, string Address, bool HasSecret, DateTimeOffset CreatedAt);

public sealed record NotificationRuleDto(long ContactMethodId, int DelayMinutes);

public sealed record NotificationRulesRequest(List<NotificationRuleDto>? Rules);

public sealed record TestNotificationDto(Guid Delivery, string Channel, string Status);

public sealed record DeliveryStatusDto(Guid Id, string Status, string? Error);

/// <summary>A person's contact methods and notification rules ("email at once, chat after 2 min"), and test pages.</summary>
public sealed class ContactService(FirebreakDb db, AuditLog audit, TimeProvider clock, OutboundHosts outbound)
{
    public const int MaxMethods = 20;
    public const int MaxDelayMinutes = 120;

    public async Task<Outcome<IReadOnlyList<ContactMethodDto>>> ListAsync(string username, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == username, ct);
        if (user is null)
        {
            return Failure.NotFound($"No user '{username}'.");
        }

        var rows = await db.ContactMethods.AsNoTracking().Where(c => c.UserId == user.Id).OrderBy(c => c.Id).ToListAsync(ct);
        return rows.Select(ToDto).ToList();
    }

    public async Task<Outcome<ContactMethodDto>> AddAsync(Actor actor, string username, ContactMethodRequest request, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == username, ct);
        if (user is null)
        {
            return Failure.NotFound($"No user '{username}'.");
        }

        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<ContactKind>(request.Kind?.Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            errors["kind"] = [$"'{request.Kind}' is not a contact kind; use one of {string.Join(", ", Enum.GetNames<ContactKind>().Select(n => n.ToLowerInvariant()))}."];
        }

        var label = request.Label?.Trim();
        if (label is { Length: > 100 })
        {
            errors["label"] = ["Keep the label to 100 characters."];
        }

        var address = new ContactAddress(kind, request.Address?.Trim() ?? "", string.IsNullOrEmpty(request.Secret) ? null : request.Secret);
        if (!errors.ContainsKey("kind") && ContactAddressRules.Problem(address) is { } problem)
        {
            errors["address"] = [problem];
        }
        else if (kind != ContactKind.Email && Uri.TryCreate(address.Address, UriKind.Absolute, out var url) && outbound.Problem(url) is { } refused)
        {
            errors["address"] = [refused];
        }

        if (await db.ContactMethods.CountAsync(c => c.UserId == user.Id, ct) >= MaxMethods)
        {
            errors["kind"] = [$"A person may have at most {MaxMethods} contact methods."];
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var row = new ContactMethod
        {
            UserId = user.Id,
            Kind = kind,
            Label = string.IsNullOrEmpty(label) ? kind.ToString().ToLowerInvariant() : label,
            Address = address.Address,
            Secret = address.Secret,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ContactMethods.Add(row);
        audit.Record(actor, "contact_method.create", $"user/{username}", $"{row.Kind} {row.Label}");
        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    public async Task<Outcome<ContactMethodDto>> RemoveAsync(Actor actor, string username, long id, CancellationToken ct)
    {
        var row = await db.ContactMethods.Include(c => c.User).FirstOrDefaultAsync(c => c.Id == id && c.User!.Username == username, ct);
        if (row is null)
        {
            return Failure.NotFound($"No contact method {id} for '{username}'.");
        }

        db.ContactMethods.Remove(row);
        audit.Record(actor, "contact_method.delete", $"user/{username}", $"{row.Kind} {row.Label}");
        await db.SaveChangesAsync(ct);
        return ToDto(row);
    }

    public async Task<Outcome<IReadOnlyList<NotificationRuleDto>>> RulesAsync(string username, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == username, ct);
        if (user is null)
        {
            return Failure.NotFound($"No user '{username}'.");
        }

        return await db.NotificationRules.AsNoTracking().Where(r => r.UserId == user.Id).OrderBy(r => r.DelayMinutes).ThenBy(r => r.Id)
            .Select(r => new NotificationRuleDto(r.ContactMethodId, r.DelayMinutes)).ToListAsync(ct);
    }

    /// <summary>Replaces all of a person's rules at once; with no rules, every contact method is used immediately.</summary>
    public async Task<Outcome<IReadOnlyList<NotificationRuleDto>>> SetRulesAsync(Actor actor, string username, NotificationRulesRequest request, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Username == username, ct);
        if (user is null)
        {
            return Failure.NotFound($"No user '{username}'.");
        }

        var rules = request.Rules ?? [];
        var methods = await db.ContactMethods.Where(c => c.UserId == user.Id).Select(c => c.Id).ToListAsync(ct);
        var errors = new List<string>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (!methods.Contains(rules[i].ContactMethodId))
            {
                errors.Add($"rule {i + 1}: contact method {rules[i].ContactMethodId} is not one of {username}'s");
            }

            if (rules[i].DelayMinutes is < 0 or > MaxDelayMinutes)
            {
                errors.Add($"rule {i + 1}: the delay must be between 0 and {MaxDelayMinutes} minutes");
            }
        }

        if (rules.Count > 0 && rules.All(r => r.DelayMinutes > 0))
        {
            errors.Add("at least one rule must notify at once (delay 0), or a page would reach nobody at first");
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(new Dictionary<string, string[]> { ["rules"] = [.. errors] });
        }

        db.NotificationRules.RemoveRange(await db.NotificationRules.Where(r => r.UserId == user.Id).ToListAsync(ct));
        db.NotificationRules.AddRange(rules.Select(r => new NotificationRule { UserId = user.Id, ContactMethodId = r.ContactMethodId, DelayMinutes = r.DelayMinutes }));
        audit.Record(actor, "notification_rules.set", $"user/{username}", string.Join(", ", rules.Select(r => $"{r.ContactMethodId}@{r.DelayMinutes}m")));
        await db.SaveChangesAsync(ct);
        return await RulesAsync(username, ct);
    }

    /// <summary>Queues a test page to one contact method through the real engine; its outcome shows in the delivery log.</summary>
    public async Task<Outcome<TestNotificationDto>> TestAsync(Actor actor, string username, long contactMethodId, CancellationToken ct)
    {
        var method = await db.ContactMethods.Include(c => c.User).FirstOrDefaultAsync(c => c.Id == contactMethodId && c.User!.Username == username, ct);
        if (method is null)
        {
            return Failure.NotFound($"No contact method {contactMethodId} for '{username}'.");
        }

        var now = clock.GetUtcNow();
        // Each press is its own test: a millisecond is not unique, and a repeated cause would collide with the first
        // press's idempotency key.
        var delivery = Pager.Queue(db, null, method.User!, method, $"test:{Guid.CreateVersion7(now):N}", $"a test requested by {actor.Name}", 0, now, now);
        audit.Record(actor, "contact_method.test", $"user/{username}", $"{method.Kind} {method.Label}");
        await db.SaveChangesAsync(ct);
        return new TestNotificationDto(delivery.Id, method.Kind.ToString().ToLowerInvariant(), "queued");
    }

    public async Task<Outcome<DeliveryStatusDto>> DeliveryStatusAsync(string username, Guid id, CancellationToken ct) =>
        await db.NotificationDeliveries.AsNoTracking().Where(d => d.Id == id && d.Username == username).Select(d => new { d.Status, d.Error }).FirstOrDefaultAsync(ct) is { } d
            ? new DeliveryStatusDto(id, d.Status.ToString().ToLowerInvariant(), d.Error)
            : Failure.NotFound($"No delivery {id}.");

    private static ContactMethodDto ToDto(ContactMethod c) =>
        new(c.Id, c.Kind.ToString().ToLowerInvariant(), c.Label, c.Address, c.Secret is not null, c.CreatedAt);
}
