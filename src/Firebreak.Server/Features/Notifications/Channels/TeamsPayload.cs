using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>
/// A Microsoft Teams incoming-webhook message carrying one Adaptive Card (1.4, what Teams renders): the headline,
/// the facts, and Acknowledge / Open buttons per incident.
/// </summary>
public static class TeamsPayload
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public static byte[] Build(NotificationMessage message)
    {
        var body = new JsonArray();
        if (NotificationText.Note(message) is { } note)
        {
            body.Add(Text(note, isSubtle: message.IsTest));
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        };

        if (message.Incidents.Count == 1)
        {
            var incident = message.Incidents[0];
            body.Add(Headline(NotificationText.Headline(incident), large: true));
            body.Add(Facts(incident));
            card["actions"] = Buttons(incident);
        }
        else if (NotificationText.BundleHeading(message) is { } heading)
        {
            body.Add(Headline(heading, large: true));
            foreach (var incident in message.Incidents.Take(NotificationText.MaxListed))
            {
                body.Add(new JsonObject
                {
                    ["type"] = "Container",
                    ["separator"] = true,
                    ["items"] = new JsonArray(
                        Headline(NotificationText.Headline(incident), large: false),
                        Facts(incident),
                        new JsonObject { ["type"] = "ActionSet", ["actions"] = Buttons(incident) }),
                });
            }

            if (message.Incidents.Count > NotificationText.MaxListed)
            {
                body.Add(Text(NotificationText.MoreNote(message.Incidents.Count - NotificationText.MaxListed), isSubtle: true));
            }
        }

        var payload = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = CardContentType, ["content"] = card }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(payload);
    }

    private static JsonObject Headline(string text, bool large) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = text,
        ["weight"] = "Bolder",
        ["size"] = large ? "Large" : "Medium",
        ["color"] = "Attention",
        ["wrap"] = true,
    };

    private static JsonObject Text(string text, bool isSubtle) =>
        new() { ["type"] = "TextBlock", ["text"] = text, ["isSubtle"] = isSubtle, ["wrap"] = true };

    private static JsonObject Facts(IncidentNotice incident) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(
            Fact("Severity", incident.Severity),
            Fact("Service", NotificationText.Service(incident)),
            Fact("Status", incident.Status),
            Fact("Why you", incident.Reason),
            Fact("Also paged", NotificationText.AlsoPaged(incident))),
    };

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static JsonArray Buttons(IncidentNotice incident) => new(
        new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Acknowledge", ["url"] = incident.AcknowledgeUrl.AbsoluteUri, ["style"] = "positive" },
        new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open incident", ["url"] = incident.IncidentUrl.AbsoluteUri });
}
