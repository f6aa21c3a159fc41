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
    [InlineData(500, false)]
    [InlineData(503, false)]
    [InlineData(408, false)]
    [InlineData(429, false)]
    [InlineData(404, true)]
    [InlineData(400, true)]
    [InlineData(410, true)]
    public async Task SendAsync_ReceiverAnswersError_TransientOrPermanentByStatus(int status, bool permanent)
    {
        await using var services = Channels();

        var outcome = await services.Channel(ContactKind.Webhook).SendAsync(
            new(ContactKind.Webhook, Receiver.Url($"/status/{status}")), Message($"status-{status}"), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.Equal(permanent, outcome.Permanent);
        Assert.Contains($"HTTP {status}", outcome.Error, StringComparison.Ordinal);
        Assert.Contains(RecordingReceiver.RefusalBody, outcome.Error, StringComparison.Ordinal);
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

    [Fact]
    public async Task SendAsync_ReceiverNeverAnswers_FailsTransientlyAfterTheTimeout()
    {
        await using var services = Channels(new Dictionary<string, string?> { [HttpDelivery.TimeoutKey] = "0.5" });
        var clock = Stopwatch.StartNew();

        var outcome = await services.Channel(ContactKind.Slack).SendAsync(
            new(ContactKind.Slack, Receiver.Url("/hang")), Message("hang-1"), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.False(outcome.Permanent);
        Assert.Contains("did not answer within 0.5 s", outcome.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task SendAsync_NothingListening_FailsTransiently()
    {
        await using var services = Channels();

        var outcome = await services.Channel(ContactKind.Teams).SendAsync(
            new(ContactKind.Teams, $"http://127.0.0.1:{RealMaildev.FreePort()}/hook"), Message("refused-1"), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.False(outcome.Permanent);
        Assert.Contains("unreachable", outcome.Error, StringComparison.Ordinal);
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
