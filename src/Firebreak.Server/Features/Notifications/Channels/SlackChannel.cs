namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Posts to a Slack incoming webhook.</summary>
public sealed class SlackChannel(HttpDelivery http) : INotificationChannel
{
    public ContactKind Kind => ContactKind.Slack;

    public Task<DeliveryOutcome> SendAsync(ContactAddress to, NotificationMessage message, CancellationToken ct) =>
        Uri.TryCreate(to.Address, UriKind.Absolute, out var url)
            ? http.PostJsonAsync(url, ChatPayload.Build(message, ChatMarkup.Slack), null, ReceiverErrors.Slack, ct)
            : Task.FromResult(DeliveryOutcome.Failed("not an absolute URL", permanent: true));
}
