namespace Firebreak.Server.Features.Notifications;

/// <summary>"Notify me on this contact method N minutes after I am paged": a user's own escalation ladder.</summary>
public sealed class NotificationRule
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public long ContactMethodId { get; set; }

    public ContactMethod? ContactMethod { get; set; }

    public int DelayMinutes { get; set; }
}
