using Firebreak.Server.Features.Notifications.Channels;

namespace Firebreak.Server.Features.Notifications;

/// <summary>
/// One attempt to deliver one page to one person on one contact method: the delivery log. <see cref="IdempotencyKey"/>
/// (incident, cause, person, contact method, attempt) is unique, so the same page cannot be queued twice, and an
/// attempt found "sending" after a crash is never sent again.
/// </summary>
public sealed class NotificationDelivery
{
    public Guid Id { get; set; }

    public long? IncidentId { get; set; }

    public long UserId { get; set; }

    public required string Username { get; set; }

    public long? ContactMethodId { get; set; }

    public ContactKind Channel { get; set; }

    /// <summary>What caused the page: "step:2:0" (step 2, first round), "rule:sev1-unmitigated", "reassign:…", "test:…".</summary>
    public required string Cause { get; set; }

    public const int ReasonMax = 500;

    /// <summary>Why this person, in words, as the message shows it; at most <see cref="ReasonMax"/> characters (see <see cref="Clip"/>).</summary>
    public required string Reason { get; set; }

    public int Attempt { get; set; }

    public required string IdempotencyKey { get; set; }

    public DeliveryStatus Status { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The bundle this page went out in, when a storm was throttled into one message.</summary>
    public Guid? BundledInto { get; set; }

    /// <summary>
    /// A reason cut to fit its column: it quotes whatever a responder typed (a reassign note), and PostgreSQL refuses
    /// an overlong value where SQLite would store it. Never cuts a surrogate pair in two.
    /// </summary>
    public static string Clip(string reason)
    {
        if (reason.Length <= ReasonMax)
        {
            return reason;
        }

        var cut = char.IsHighSurrogate(reason[ReasonMax - 2]) ? ReasonMax - 2 : ReasonMax - 1;
        return reason[..cut] + "…";
    }

    public static string KeyFor(long? incidentId, string cause, long userId, long? contactMethodId, int attempt) =>
        $"{incidentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}:{cause}:{userId}:{contactMethodId}:{attempt}";
}

public enum DeliveryStatus
{
    Queued,

    /// <summary>Written only by versions before at-least-once delivery; such a row is sent again.</summary>
    Sending,
    Sent,
    Failed,
    Cancelled,
    Bundled,

    /// <summary>Written only by versions before at-least-once delivery, for a send a stopped node may not have made.</summary>
    Unknown,
}
