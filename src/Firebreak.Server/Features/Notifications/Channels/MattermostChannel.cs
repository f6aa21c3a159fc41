namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Posts to a Mattermost incoming webhook (Slack-compatible body, Markdown text).</summary>
public sealed class MattermostChannel(HttpDelivery http) : INotificationChannel
{
    public ContactKind Kind => ContactKind.Mattermost;

    public Task<DeliveryOutcome> SendAsync(ContactAddress to, NotificationMessage message, CancellationToken ct) =>
        Uri.TryCreate(to.Address, UriKind.Absolute, out var url)
            ? http.PostJsonAsync(url, ChatPayload.Build(message, ChatMarkup.Mattermost), null, ReceiverErrors.Mattermost, ct)
            : Task.FromResult(DeliveryOutcome.Failed("not an absolute URL", permanent: true));
}
