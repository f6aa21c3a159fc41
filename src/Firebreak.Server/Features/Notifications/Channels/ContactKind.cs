namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>The kinds of place a notification can be delivered to.</summary>
public enum ContactKind
{
    Email,
    Webhook,
    Slack,
    Mattermost,
    Teams,
}
