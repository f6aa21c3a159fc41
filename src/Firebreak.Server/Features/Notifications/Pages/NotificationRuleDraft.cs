using Firebreak.Server.Features.Notifications;

namespace Firebreak.Server.Features.Notifications.Pages;

/// <summary>One row of the notification rules editor.</summary>
public sealed class NotificationRuleDraft
{
    public long ContactMethodId { get; set; }

    public int DelayMinutes { get; set; }

    public NotificationRuleDto ToDto() => new(ContactMethodId, DelayMinutes);
}
