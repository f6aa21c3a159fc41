namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>
/// The two markups of Slack-compatible webhooks. Slack's mrkdwn wants <c>*bold*</c>, <c>&lt;url|text&gt;</c> and
/// &amp;, &lt;, &gt; escaped; Mattermost renders Markdown, where those would show as typed.
/// </summary>
public sealed record ChatMarkup(Func<string, string> Escape, Func<string, string> Bold, Func<Uri, string, string> Link)
{
    public static ChatMarkup Slack { get; } = new(
        s => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal),
        s => $"*{s}*",
        (url, text) => $"<{url.AbsoluteUri}|{text}>");

    public static ChatMarkup Mattermost { get; } = new(
        s => s.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal),
        s => $"**{s}**",
        (url, text) => $"[{text}]({url.AbsoluteUri})");
}
