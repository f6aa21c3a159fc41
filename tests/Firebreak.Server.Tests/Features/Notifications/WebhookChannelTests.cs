using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Firebreak.Server.Tests.Features.Notifications.NotificationSamples;

namespace Firebreak.Server.Tests.Features.Notifications;

/// <summary>The generic webhook against a real HTTP receiver: payload, headers and signature.</summary>
public sealed class WebhookChannelTests(ReceiverFixture fixture) : IClassFixture<ReceiverFixture>
{
    private const string Secret = "s3cret-for-signing-webhooks";
    private static readonly DateTimeOffset s_sentAt = new(2026, 11, 23, 10, 0, 5, TimeSpan.Zero);

    private RecordingReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task SendAsync_Webhook_PostsSnakeCasePayloadWithIdempotencyKeyAndTimestamp()
    {
        await using var services = Channels(clock: new FakeTimeProvider(s_sentAt));
        var path = ReceiverFixture.NewPath("webhook");

        var outcome = await services.Channel(ContactKind.Webhook).SendAsync(
            new(ContactKind.Webhook, Receiver.Url(path), Secret), Message("page-42-webhook-1") with { IsTest = true }, CancellationToken.None);

        Assert.True(outcome.Sent, outcome.Error);
        var request = Receiver.OnlyRequestTo(path);
        Assert.Equal("page-42-webhook-1", request.Header("Idempotency-Key"));
        Assert.Equal(s_sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), request.Header("X-Firebreak-Timestamp"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var body = request.Json;
        Assert.Equal("page-42-webhook-1", body.Str("idempotency_key"));
        Assert.Equal("ana", body.Str("recipient"));
        Assert.Equal(At, body.GetProperty("at").GetDateTimeOffset());
        Assert.True(body.GetProperty("test").GetBoolean());
        var incident = Assert.Single(body.GetProperty("incidents").EnumerateArray());
        Assert.Equal("#12", incident.Str("reference"));
        Assert.Equal("Checkout down", incident.Str("title"));
        Assert.Equal("SEV-1", incident.Str("severity"));
        Assert.Equal("checkout", incident.Str("service"));
        Assert.Equal("triggered", incident.Str("status"));
        Assert.Equal("You are on call for checkout (primary)", incident.Str("reason"));
        Assert.Equal(["kofi", "sam"], incident.GetProperty("also_paged").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("http://firebreak.test/incidents/12", incident.Str("incident_url"));
        Assert.Equal("http://firebreak.test/incidents/12/ack?t=tok12", incident.Str("acknowledge_url"));
    }

    [Fact]
    public async Task SendAsync_WithSecret_SignatureVerifiesWithTheSecretOnly()
    {
        await using var services = Channels(clock: new FakeTimeProvider(s_sentAt));
        var path = ReceiverFixture.NewPath("signed");

        var outcome = await services.Channel(ContactKind.Webhook).SendAsync(
            new(ContactKind.Webhook, Receiver.Url(path), Secret), Message("page-42-webhook-2"), CancellationToken.None);

        Assert.True(outcome.Sent, outcome.Error);
        var request = Receiver.OnlyRequestTo(path);
        var timestamp = request.Header("X-Firebreak-Timestamp")!;
        var signature = request.Header("X-Firebreak-Signature");
        // Recomputed the way docs/notifications.md tells a receiver to, not through our own helper.
        Assert.Equal(Sign(Secret, timestamp, request.Body), signature);
        Assert.NotEqual(Sign("a-different-secret-entirely", timestamp, request.Body), signature);
        Assert.True(WebhookSignature.Verify(Secret, long.Parse(timestamp, CultureInfo.InvariantCulture), request.Body, signature));
        Assert.False(WebhookSignature.Verify("a-different-secret-entirely", long.Parse(timestamp, CultureInfo.InvariantCulture), request.Body, signature));
    }

    [Fact]
    public async Task SendAsync_WithoutSecret_OmitsSignature()
    {
        await using var services = Channels();
        var path = ReceiverFixture.NewPath("unsigned");

        var outcome = await services.Channel(ContactKind.Webhook).SendAsync(
            new(ContactKind.Webhook, Receiver.Url(path)), Message("page-42-webhook-3"), CancellationToken.None);

        Assert.True(outcome.Sent, outcome.Error);
        var request = Receiver.OnlyRequestTo(path);
        Assert.Null(request.Header("X-Firebreak-Signature"));
        Assert.NotNull(request.Header("X-Firebreak-Timestamp"));
    }

    private static string Sign(string secret, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
