using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>
/// The incoming-webhook body Slack and Mattermost both accept: a <c>text</c> that reads well alone (notifications and
/// phone lock screens show only that) and one attachment per incident with its facts. Attachments rather than Slack
/// blocks, because Mattermost ignores blocks.
/// </summary>
public static class ChatPayload
{
    public const string Color = "#d0021b";

    public static byte[] Build(NotificationMessage message, ChatMarkup markup)
    {
        var text = new StringBuilder();
        if (NotificationText.Note(message) is { } note)
        {
            text.Append(markup.Escape(note)).Append('\n');
        }

        if (message.Incidents.Count == 1)
        {
            var incident = message.Incidents[0];
            text.Append(":rotating_light: ").Append(markup.Bold(markup.Escape(NotificationText.Headline(incident))))
                .Append('\n').Append(Links(incident, markup));
        }
        else if (NotificationText.BundleHeading(message) is { } heading)
        {
            text.Append(":rotating_light: ").Append(markup.Bold(heading));
        }

        var attachments = new JsonArray();
        foreach (var incident in message.Incidents.Take(NotificationText.MaxListed))
        {
            attachments.Add(Attachment(incident, markup));
        }

        if (message.Incidents.Count > NotificationText.MaxListed)
        {
            text.Append('\n').Append(markup.Escape(NotificationText.MoreNote(message.Incidents.Count - NotificationText.MaxListed)));
        }

        var payload = new JsonObject { ["text"] = text.ToString(), ["attachments"] = attachments };
        return JsonSerializer.SerializeToUtf8Bytes(payload);
    }

    private static string Links(IncidentNotice incident, ChatMarkup markup) =>
        $"{markup.Link(incident.AcknowledgeUrl, "Acknowledge")} · {markup.Link(incident.IncidentUrl, "Open incident")}";

    private static JsonObject Attachment(IncidentNotice incident, ChatMarkup markup) => new()
    {
        ["fallback"] = NotificationText.Headline(incident),
        ["color"] = Color,
        ["title"] = markup.Escape($"{incident.Reference} {incident.Title}"),
        ["title_link"] = incident.IncidentUrl.AbsoluteUri,
        ["text"] = $"{markup.Escape("Why you: " + incident.Reason)}\n{Links(incident, markup)}",
        ["fields"] = new JsonArray(
            Field("Severity", incident.Severity, markup),
            Field("Service", NotificationText.Service(incident), markup),
            Field("Status", incident.Status, markup),
            Field("Also paged", NotificationText.AlsoPaged(incident), markup)),
    };

    private static JsonObject Field(string title, string value, ChatMarkup markup) =>
        new() { ["title"] = title, ["value"] = markup.Escape(value), ["short"] = true };
}
