using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Notifications.NotificationSamples;

namespace Firebreak.Server.Tests.Features.Notifications;

public sealed class MaildevFixture : IAsyncLifetime
{
    public RealMaildev Maildev { get; private set; } = null!;

    public async Task InitializeAsync() => Maildev = await RealMaildev.StartAsync();

    public async Task DisposeAsync() => await Maildev.DisposeAsync();
}

/// <summary>Email through a real SMTP server (maildev), read back through its REST API.</summary>
public sealed class EmailChannelTests(MaildevFixture fixture) : IClassFixture<MaildevFixture>
{
    private const string From = "Firebreak <firebreak@firebreak.test>";

    private static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["Firebreak:Smtp:Host"] = "127.0.0.1",
        ["Firebreak:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Firebreak:Smtp:From"] = From,
        ["Firebreak:Smtp:TimeoutSeconds"] = "5",
    };

    private static string NewRecipient() => $"oncall-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task SendAsync_OneIncident_ArrivesWithSubjectRecipientAckLinkAndMessageId()
    {
        await using var services = Channels(Smtp(fixture.Maildev.SmtpPort));
        var to = NewRecipient();

        var outcome = await services.Channel(ContactKind.Email).SendAsync(new(ContactKind.Email, to), Message("page-42-email-1"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Ok, outcome);
        var mail = Assert.Single(await fixture.Maildev.WaitForMessagesToAsync(to));
        Assert.Equal("[SEV-1] #12 Checkout down (checkout)", mail.Str("subject"));
        Assert.Equal("page-42-email-1@firebreak.test", mail.Str("messageId"));
        Assert.Equal("firebreak@firebreak.test", mail.GetProperty("envelope").GetProperty("from").Str("address"));
        var text = mail.Str("text");
        Assert.Contains("http://firebreak.test/incidents/12/ack?t=tok12", text, StringComparison.Ordinal);
        Assert.Contains("You are on call for checkout (primary)", text, StringComparison.Ordinal);
        Assert.Contains("kofi, sam", text, StringComparison.Ordinal);
        Assert.Contains("href=\"http://firebreak.test/incidents/12/ack?t=tok12\"", mail.Str("html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BundleOfThree_ArrivesAsOneEmailListingAll()
    {
        await using var services = Channels(Smtp(fixture.Maildev.SmtpPort));
        var to = NewRecipient();
        var message = Message("bundle-7", Incident(1, "Checkout down"), Incident(2, "Search slow", "search"), Incident(3, "Login errors", null));

        var outcome = await services.Channel(ContactKind.Email).SendAsync(new(ContactKind.Email, to), message, CancellationToken.None);

        Assert.True(outcome.Sent, outcome.Error);
        var mail = Assert.Single(await fixture.Maildev.WaitForMessagesToAsync(to));
        Assert.Equal("[Firebreak] 3 incidents need you", mail.Str("subject"));
        var text = mail.Str("text");
        Assert.Contains("#1 Checkout down", text, StringComparison.Ordinal);
        Assert.Contains("#2 Search slow", text, StringComparison.Ordinal);
        Assert.Contains("#3 Login errors", text, StringComparison.Ordinal);
        for (var n = 1; n <= 3; n++)
        {
            Assert.Contains($"http://firebreak.test/incidents/{n}/ack?t=tok{n}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SendAsync_ServerRefusesConnection_FailsTransiently()
    {
        await using var services = Channels(Smtp(RealMaildev.FreePort()));

        var outcome = await services.Channel(ContactKind.Email).SendAsync(new(ContactKind.Email, NewRecipient()), Message("refused-1"), CancellationToken.None);

        Assert.False(outcome.Sent);
        Assert.False(outcome.Permanent);
        Assert.Contains("unreachable", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SmtpNotConfigured_FailsPermanently()
    {
        await using var services = Channels();

        var outcome = await services.Channel(ContactKind.Email).SendAsync(new(ContactKind.Email, NewRecipient()), Message("unconfigured-1"), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed("SMTP is not configured", permanent: true), outcome);
    }
}
