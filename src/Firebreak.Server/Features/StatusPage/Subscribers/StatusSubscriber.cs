namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>
/// Someone who asked, on the public page, to be emailed when components change. Nothing is sent but the confirmation
/// until the address's owner confirms it. The address is never shown publicly.
/// </summary>
public sealed class StatusSubscriber
{
    public long Id { get; set; }
    public required string Email { get; set; }

    /// <summary>Component keys, space-separated; empty for every component.</summary>
    public string Components { get; set; } = "";

    /// <summary>
    /// The capability in this subscriber's links (confirm, unsubscribe). Kept as written because every email carries it
    /// again; it grants only confirming or ending this one subscription.
    /// </summary>
    public required string Token { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>When the confirmation email should go (again); null once sent or confirmed.</summary>
    public DateTimeOffset? ConfirmationDueAt { get; set; }
    public DateTimeOffset? ConfirmationSentAt { get; set; }

    /// <summary>Set when a watched component changed and the subscriber has not been told yet.</summary>
    public DateTimeOffset? NoticeDueAt { get; set; }
    public DateTimeOffset? LastNoticeAt { get; set; }

    /// <summary>The statuses the last notice told ("api=operational ..."), so a change undone before sending says nothing.</summary>
    public string LastTold { get; set; } = "";

    /// <summary>
    /// The last public incident update told (or, at confirmation, the last one already out), by publication time then
    /// id, so each update is emailed once and none from before subscribing.
    /// </summary>
    public DateTimeOffset? LastUpdateAt { get; set; }
    public long LastUpdateId { get; set; }
    public int FailedAttempts { get; set; }
}
