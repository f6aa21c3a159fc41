using System.Text.Json;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Notifications.NotificationSamples;

namespace Firebreak.Server.Tests.Features.Notifications;

/// <summary>Slack, Mattermost and Teams incoming-webhook bodies, as a real HTTP receiver gets them.</summary>
public sealed class ChatChannelTests(ReceiverFixture fixture) : IClassFixture<ReceiverFixture>
{
    private const string Ack = "http://firebreak.test/incidents/12/ack?t=tok12";

    private RecordingReceiver Receiver => fixture.Receiver;

    private async Task<JsonElement> SendAsync(ContactKind kind, NotificationMessage message)
    {
        await using var services = Channels();
        var path = ReceiverFixture.NewPath(kind.ToString());
        var outcome = await services.Channel(kind).SendAsync(new(kind, Receiver.Url(path)), message, CancellationToken.None);
        Assert.True(outcome.Sent, outcome.Error);
        return Receiver.OnlyRequestTo(path).Json;
    }

    [Fact]
    public async Task SendAsync_Slack_TextWithMrkdwnLinksAndOneAttachment()
    {
        var body = await SendAsync(ContactKind.Slack, Message("slack-1"));

        var text = body.Str("text");
        Assert.Contains("*[SEV-1] #12 Checkout down (checkout)*", text, StringComparison.Ordinal);
        Assert.Contains($"<{Ack}|Acknowledge>", text, StringComparison.Ordinal);
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray());
        Assert.Equal("#12 Checkout down", attachment.Str("title"));
        Assert.Equal("http://firebreak.test/incidents/12", attachment.Str("title_link"));
        Assert.Contains("Why you: You are on call for checkout (primary)", attachment.Str("text"), StringComparison.Ordinal);
        var fields = attachment.GetProperty("fields").EnumerateArray().ToDictionary(f => f.Str("title"), f => f.Str("value"));
        Assert.Equal("SEV-1", fields["Severity"]);
        Assert.Equal("kofi, sam", fields["Also paged"]);
    }

    [Fact]
    public async Task SendAsync_SlackEscapesMarkup()
    {
        var body = await SendAsync(ContactKind.Slack, Message("slack-2", Incident(5, "Queue <db> & friends")));

        Assert.Contains("Queue &lt;db&gt; &amp; friends", body.Str("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SlackBundle_OneAttachmentPerIncident()
    {
        var body = await SendAsync(ContactKind.Slack, Message("slack-3", Incident(1), Incident(2), Incident(3)));

        Assert.Contains("3 incidents need you", body.Str("text"), StringComparison.Ordinal);
        Assert.Equal(3, body.GetProperty("attachments").GetArrayLength());
    }

    [Fact]
    public async Task SendAsync_Mattermost_MarkdownTextAndAttachments()
    {
        var body = await SendAsync(ContactKind.Mattermost, Message("mm-1"));

        var text = body.Str("text");
        // Brackets escaped: an alert's title must not become a link in the channel.
        Assert.Contains(@"**\[SEV-1\] #12 Checkout down (checkout)**", text, StringComparison.Ordinal);
        Assert.Contains($"[Acknowledge]({Ack})", text, StringComparison.Ordinal);
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray());
        Assert.Equal("http://firebreak.test/incidents/12", attachment.Str("title_link"));
    }

    [Fact]
    public async Task SendAsync_Teams_AdaptiveCardWithAcknowledgeAction()
    {
        var body = await SendAsync(ContactKind.Teams, Message("teams-1"));

        Assert.Equal("message", body.Str("type"));
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.Str("contentType"));
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.Str("type"));
        Assert.Contains("[SEV-1] #12 Checkout down (checkout)", card.GetProperty("body").GetRawText(), StringComparison.Ordinal);
        var ack = Assert.Single(card.GetProperty("actions").EnumerateArray(), a => a.Str("title") == "Acknowledge");
        Assert.Equal("Action.OpenUrl", ack.Str("type"));
        Assert.Equal(Ack, ack.Str("url"));
    }

    [Fact]
    public async Task SendAsync_TeamsBundle_AcknowledgeForEachIncident()
    {
        var body = await SendAsync(ContactKind.Teams, Message("teams-2", Incident(1), Incident(2), Incident(3)));

        var card = body.GetProperty("attachments")[0].GetProperty("content");
        var containers = card.GetProperty("body").EnumerateArray().Where(e => e.Str("type") == "Container").ToList();
        Assert.Equal(3, containers.Count);
        for (var n = 1; n <= 3; n++)
        {
            Assert.Contains($"http://firebreak.test/incidents/{n}/ack?t=tok{n}", containers[n - 1].GetRawText(), StringComparison.Ordinal);
        }
    }
}
