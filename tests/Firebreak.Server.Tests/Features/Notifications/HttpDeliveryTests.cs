using System.Diagnostics;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Notifications.NotificationSamples;

namespace Firebreak.Server.Tests.Features.Notifications;

/// <summary>How every HTTP channel reads a receiver's answer (or silence), against a real HTTP server.</summary>
public sealed class HttpDeliveryTests(ReceiverFixture fixture) : IClassFixture<ReceiverFixture>
{
    private RecordingReceiver Receiver => fixture.Receiver;

    [Theory]
    [InlineData(500, false, "Internal Server Error")]
    [InlineData(503, false, "Service Unavailable")]
    [InlineData(408, false, "Request Timeout")]
    [InlineData(429, false, "Too Many Requests")]
    [InlineData(404, true, "Not Found")]
    [InlineData(400, true, "Bad Request")]
    [InlineData(410, true, "Gone")]
    public async Task SendAsync_ReceiverAnswersError_TransientOrPermanentByStatus_StatusLineOnly(int status, bool permanent, string reason)
    {
        await using var services = Channels();

        var outcome = await services.Channel(ContactKind.Webhook).SendAsync(
            new(ContactKind.Webhook, Receiver.Url($"/status/{status}")), Message($"status-{status}"), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.Equal(permanent, outcome.Permanent);
        Assert.EndsWith($"answered HTTP {status} {reason}", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(RecordingReceiver.RefusalBody, outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ReceiversOwnReasonPhrase_IsNotShown()
    {
        await using var services = Channels();

        var outcome = await services.Channel(ContactKind.Webhook).SendAsync(
            new(ContactKind.Webhook, Receiver.Url("/reason/500?phrase=db-password-hunter2")), Message("reason-1"), CancellationToken.None);

        Assert.EndsWith("answered HTTP 500 Internal Server Error", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ContactKind.Slack, 400, "text/plain", "invalid_payload", "HTTP 400 Bad Request: invalid_payload")]
    [InlineData(ContactKind.Slack, 404, "text/plain", "channel_not_found", "HTTP 404 Not Found: channel_not_found")]
    [InlineData(ContactKind.Slack, 500, "text/html", "<html><body>internal admin console, secret=s3cr3t</body></html>", "HTTP 500 Internal Server Error")]
    [InlineData(ContactKind.Slack, 400, "text/plain", "Stack trace: secret=s3cr3t at Foo.Bar()", "HTTP 400 Bad Request")]
    [InlineData(ContactKind.Mattermost, 400, "application/json",
        """{"id":"web.incoming_webhook.invalid.app_error","message":"Invalid webhook","detailed_error":"secret=s3cr3t","request_id":"r1","status_code":400}""",
        "HTTP 400 Bad Request: Invalid webhook (web.incoming_webhook.invalid.app_error)")]
    [InlineData(ContactKind.Mattermost, 500, "text/plain", "secret=s3cr3t", "HTTP 500 Internal Server Error")]
    [InlineData(ContactKind.Teams, 400, "application/json",
        """{"error":{"code":"TriggerInputSchemaMismatch","message":"The input body secret=s3cr3t does not match"}}""",
        "HTTP 400 Bad Request: TriggerInputSchemaMismatch")]
    [InlineData(ContactKind.Teams, 400, "text/plain", "secret=s3cr3t", "HTTP 400 Bad Request")]
    [InlineData(ContactKind.Webhook, 400, "text/plain", "invalid_payload", "HTTP 400 Bad Request")]
    [InlineData(ContactKind.Webhook, 400, "application/json", """{"message":"secret=s3cr3t"}""", "HTTP 400 Bad Request")]
    public async Task SendAsync_ReceiverRefuses_ShowsOnlyTheServicesDocumentedErrorField(ContactKind kind, int status, string type, string body, string shown)
    {
        await using var services = Channels();
        var url = Receiver.Url($"/reply/{status}?type={Uri.EscapeDataString(type)}&body={Uri.EscapeDataString(body)}");

        var outcome = await services.Channel(kind).SendAsync(new(kind, url), Message($"reply-{kind}"), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.EndsWith($"answered {shown}", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ContactKind.Slack)]
    [InlineData(ContactKind.Mattermost)]
    [InlineData(ContactKind.Teams)]
    public async Task SendAsync_ChatWebhookFails_ErrorNamesHostNotTheSecretUrl(ContactKind kind)
    {
        await using var services = Channels();

        var outcome = await services.Channel(kind).SendAsync(
            new(kind, Receiver.Url("/status/500?token=T0SECRETB0SECRET")), Message("secret-url"), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.False(outcome.Permanent);
        Assert.Contains("HTTP 500", outcome.Error, StringComparison.Ordinal);
        Assert.Contains(Receiver.BaseUrl.Host, outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("T0SECRET", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ToAHostOutsideTheAllowedList_FailsPermanently_WithoutConnecting()
    {
        await using var services = Channels(new Dictionary<string, string?> { [OutboundHosts.ConfigKey] = "hooks.example.com" });

        var outcome = await services.Channel(ContactKind.Webhook).SendAsync(
            new(ContactKind.Webhook, Receiver.Url("/refused-host")), Message("refused-host"), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.True(outcome.Permanent);
        Assert.Contains("not an allowed destination", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Receiver.Requests, r => r.Path == "/refused-host");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1")]
    [InlineData("2130706433")]
    [InlineData("0x7f000001")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST.")]
    public async Task SendAsync_DefaultRules_RefuseLoopbackInAnySpelling_WithoutConnecting(string host)
    {
        await using var services = Channels(DefaultRules);
        var path = ReceiverFixture.NewPath("loopback");

        var outcome = await services.Channel(ContactKind.Webhook).SendAsync(
            new(ContactKind.Webhook, $"http://{host}:{Receiver.BaseUrl.Port}{path}"), Message($"loopback-{host}"), CancellationToken.None);

        Assert.False(outcome.Sent, $"sent to {host}");
        Assert.True(outcome.Permanent);
        Assert.Contains("not an allowed destination", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Receiver.Requests, r => r.Path == path);
    }

    [Fact]
    public async Task SendAsync_RefusedOrSilent_SameNeutralTransientMessage_NoPortScanner()
    {
        await using var services = Channels(new Dictionary<string, string?>(ReceiverAllowed) { [HttpDelivery.TimeoutKey] = "0.5" });
        var closed = RealMaildev.FreePort();
        var clock = Stopwatch.StartNew();

        var silent = await services.Channel(ContactKind.Slack).SendAsync(
            new(ContactKind.Slack, Receiver.Url("/hang")), Message("hang-1"), CancellationToken.None);
        var refused = await services.Channel(ContactKind.Teams).SendAsync(
            new(ContactKind.Teams, $"http://127.0.0.1:{closed}/hook"), Message("refused-1"), CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.False(silent.Sent || silent.Permanent || refused.Sent || refused.Permanent);
        Assert.Equal($"could not connect to 127.0.0.1:{Receiver.BaseUrl.Port}", silent.Error);
        Assert.Equal($"could not connect to 127.0.0.1:{closed}", refused.Error);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_Throws()
    {
        await using var services = Channels();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.Channel(ContactKind.Webhook).SendAsync(
            new(ContactKind.Webhook, Receiver.Url("/hang")), Message("cancel-1"), cancelled.Token));
    }
}
