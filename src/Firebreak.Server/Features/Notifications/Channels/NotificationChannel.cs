namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Where one contact method delivers: an email address or a URL, and the signing secret for webhooks.</summary>
public sealed record ContactAddress(ContactKind Kind, string Address, string? Secret = null);

/// <summary>One incident in a notification: what, how bad, which service, why this person, who else, and links.</summary>
public sealed record IncidentNotice(
    string Reference,
    string Title,
    string Severity,
    string? Service,
    string Status,
    string Reason,
    IReadOnlyList<string> AlsoPaged,
    Uri IncidentUrl,
    Uri AcknowledgeUrl);

/// <summary>
/// What is sent to one person on one contact method. Usually one incident; several when a storm is bundled into one
/// message. <see cref="IdempotencyKey"/> travels with the message (a header, a message id) so a receiver can drop a
/// repeat.
/// </summary>
public sealed record NotificationMessage(string IdempotencyKey, string Recipient, IReadOnlyList<IncidentNotice> Incidents, DateTimeOffset At)
{
    public bool IsTest { get; init; }

    /// <summary>A line shown before any incidents, e.g. "You are on call for Payments from …"; a message may carry
    /// only this.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// How a send went. <see cref="Permanent"/> failures (a malformed address, a 4xx other than 408/429) are not worth
/// retrying on the same channel.
/// </summary>
public sealed record DeliveryOutcome(bool Sent, string? Error = null, bool Permanent = false)
{
    public static DeliveryOutcome Ok { get; } = new(true);

    public static DeliveryOutcome Failed(string error, bool permanent = false) => new(false, error, permanent);
}

/// <summary>Sends notifications of one <see cref="ContactKind"/>. Implementations never throw for delivery failures.</summary>
public interface INotificationChannel
{
    ContactKind Kind { get; }

    Task<DeliveryOutcome> SendAsync(ContactAddress to, NotificationMessage message, CancellationToken ct);
}
