namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Posts an Adaptive Card to a Microsoft Teams incoming webhook (or a Workflows "post to a channel" URL).</summary>
public sealed class TeamsChannel(HttpDelivery http) : INotificationChannel
{
    public ContactKind Kind => ContactKind.Teams;

    public Task<DeliveryOutcome> SendAsync(ContactAddress to, NotificationMessage message, CancellationToken ct) =>
        Uri.TryCreate(to.Address, UriKind.Absolute, out var url)
            ? http.PostJsonAsync(url, TeamsPayload.Build(message), null, ReceiverErrors.Teams, ct)
            : Task.FromResult(DeliveryOutcome.Failed("not an absolute URL", permanent: true));
}
