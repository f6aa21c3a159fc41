using System.Globalization;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Posts <see cref="WebhookPayload"/> JSON to any URL, signed with the contact's secret when it has one.</summary>
public sealed class WebhookChannel(HttpDelivery http, TimeProvider clock) : INotificationChannel
{
    public ContactKind Kind => ContactKind.Webhook;

    public Task<DeliveryOutcome> SendAsync(ContactAddress to, NotificationMessage message, CancellationToken ct)
    {
        if (!Uri.TryCreate(to.Address, UriKind.Absolute, out var url))
        {
            return Task.FromResult(DeliveryOutcome.Failed("not an absolute URL", permanent: true));
        }

        var body = WebhookPayload.From(message).ToUtf8Json();
        // The send time, not the message's: a retry an hour later must still pass a receiver's freshness check.
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var headers = new List<KeyValuePair<string, string>>
        {
            new(WebhookSignature.IdempotencyHeader, message.IdempotencyKey),
            new(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrEmpty(to.Secret))
        {
            headers.Add(new(WebhookSignature.Header, WebhookSignature.Compute(to.Secret, timestamp, body)));
        }

        // A webhook can be any server: nothing of its answer but the status is shown.
        return http.PostJsonAsync(url, body, headers, null, ct);
    }
}
