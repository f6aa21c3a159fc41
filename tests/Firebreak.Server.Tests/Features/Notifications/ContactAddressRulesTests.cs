using Firebreak.Server.Features.Notifications.Channels;
using static Firebreak.Server.Tests.Features.Notifications.NotificationSamples;

namespace Firebreak.Server.Tests.Features.Notifications;

public sealed class ContactAddressRulesTests
{
    [Theory]
    [InlineData(ContactKind.Email, "ana@example.com", null)]
    [InlineData(ContactKind.Webhook, "https://hooks.example.com/firebreak", null)]
    [InlineData(ContactKind.Webhook, "http://127.0.0.1:9000/hook", "sixteen-chars-ok")]
    [InlineData(ContactKind.Slack, "https://hooks.slack.com/services/T0/B0/X", null)]
    [InlineData(ContactKind.Mattermost, "https://chat.example.com/hooks/abc", null)]
    [InlineData(ContactKind.Teams, "https://example.webhook.office.com/webhookb2/abc", null)]
    public void Problem_ValidAddress_IsNull(ContactKind kind, string address, string? secret) =>
        Assert.Null(ContactAddressRules.Problem(new(kind, address, secret)));

    [Theory]
    [InlineData(ContactKind.Email, "", "an address is required")]
    [InlineData(ContactKind.Email, "ana", "not an email address")]
    [InlineData(ContactKind.Email, "ana@", "not an email address")]
    [InlineData(ContactKind.Email, "Ana <ana@example.com>", "not an email address")]
    [InlineData(ContactKind.Webhook, "/relative/hook", "not an absolute http or https URL")]
    [InlineData(ContactKind.Webhook, "ftp://example.com/hook", "not an absolute http or https URL")]
    [InlineData(ContactKind.Slack, "hooks.slack.com/services/T0", "not an absolute http or https URL")]
    [InlineData(ContactKind.Teams, "mailto:ana@example.com", "not an absolute http or https URL")]
    [InlineData(ContactKind.Mattermost, "file:///etc/passwd", "not an absolute http or https URL")]
    public void Problem_InvalidAddress_SaysWhat(ContactKind kind, string address, string expected) =>
        Assert.StartsWith(expected, ContactAddressRules.Problem(new(kind, address)), StringComparison.Ordinal);

    [Fact]
    public void Problem_ShortWebhookSecret_IsRefused() =>
        Assert.Equal("the signing secret must be at least 16 characters",
            ContactAddressRules.Problem(new(ContactKind.Webhook, "https://example.com/hook", "too-short")));

    [Fact]
    public void Problem_SecretOnChatWebhook_IsRefused() =>
        Assert.Equal("only webhooks take a signing secret",
            ContactAddressRules.Problem(new(ContactKind.Slack, "https://hooks.slack.com/services/T0/B0/X", "sixteen-chars-ok")));

    [Fact]
    public async Task ChannelSet_InvalidAddress_FailsPermanentlyWithoutSending()
    {
        await using var services = Channels();
        var channels = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ChannelSet>(services);

        var outcome = await channels.SendAsync(new(ContactKind.Webhook, "not a url"), Message("bad-1"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed("not an absolute http or https URL", permanent: true), outcome);
        Assert.Equal(Enum.GetValues<ContactKind>().Order(), channels.Kinds.Order());
    }
}
