using Firebreak.Server.Features.Notifications;

namespace Firebreak.Server.Components.Pages.Account;

/// <summary>One row of the notification rules editor.</summary>
public sealed class NotificationRuleDraft
{
    public long ContactMethodId { get; set; }

    public int DelayMinutes { get; set; }

    public NotificationRuleDto ToDto() => new(ContactMethodId, DelayMinutes);
}
