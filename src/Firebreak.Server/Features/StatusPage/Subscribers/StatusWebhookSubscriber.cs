namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>
/// A system told of status changes by a signed JSON post: created by an admin (outbound requests go only where admins
/// allow them, so nobody subscribes one from the public page), told what email subscribers are told, at the same
/// bounded rate. Kept beside <see cref="StatusSubscriber"/> rather than in it, so the email flow (double opt-in, tokens,
/// unique addresses) stays as it is. The URL is never shown publicly; the signing secret is stored encrypted and never
/// read back.
/// </summary>
public sealed class StatusWebhookSubscriber
{
    public long Id { get; set; }

    public required string Url { get; set; }

    /// <summary>The signing secret, encrypted with the server's data protection keys (<see cref="WebhookSubscriberService"/>).</summary>
    public required string SecretProtected { get; set; }

    /// <summary>Component keys, space-separated; empty for every component.</summary>
    public string Components { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>Set when a watched component changed, or a public update was published, and it has not been told yet.</summary>
    public DateTimeOffset? NoticeDueAt { get; set; }

    public DateTimeOffset? LastNoticeAt { get; set; }

    /// <summary>The statuses the last notice told, as <see cref="StatusSubscriber.LastTold"/>.</summary>
    public string LastTold { get; set; } = "";

    /// <summary>The last public incident update told, by publication time then id (<see cref="PublicUpdatesTold"/>).</summary>
    public DateTimeOffset? LastUpdateAt { get; set; }

    public long LastUpdateId { get; set; }

    public int FailedAttempts { get; set; }
}
