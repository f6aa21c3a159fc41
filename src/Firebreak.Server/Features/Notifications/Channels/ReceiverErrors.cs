using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Firebreak.Server.Features.Notifications.Channels;

/// <summary>Reads the error a receiver documents out of its refusal's body; null when the body is not that shape.</summary>
public delegate string? ReceiverError(string body);

/// <summary>
/// What of a refusal's body a person may see. A contact method can point anywhere, so an arbitrary server's answer is
/// never shown: echoing it would let anyone read services only Firebreak can reach. Chat services document their error
/// shapes, and only that field, checked against its shape and cut short, is kept.
/// </summary>
public static partial class ReceiverErrors
{
    private const int MaxChars = 120;

    /// <summary>Slack incoming webhooks answer a bare code as plain text: <c>invalid_payload</c>, <c>channel_not_found</c>, <c>no_service</c>.</summary>
    public static string? Slack(string body) => SlackCode().Match(body.Trim()) is { Success: true } m ? m.Value : null;

    /// <summary>Mattermost answers <c>{"id":"web.incoming_webhook.invalid.app_error","message":"Invalid webhook",…}</c>.</summary>
    public static string? Mattermost(string body)
    {
        var root = Json(body);
        if (root is not { } error || Text(error, "message") is not { } message)
        {
            return null;
        }

        return Text(error, "id") is { } id && DottedId().IsMatch(id) ? $"{message} ({id})" : message;
    }

    /// <summary>
    /// Teams Workflows URLs (Azure Logic Apps) answer <c>{"error":{"code":"TriggerInputSchemaMismatch","message":…}}</c>;
    /// only the code is kept, the message can quote what was sent. Classic connectors document status codes only.
    /// </summary>
    public static string? Teams(string body) =>
        Json(body) is { } root && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && DottedId().IsMatch(code.GetString()!)
            ? code.GetString()
            : null;

    private static JsonElement? Json(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string property as one short line of printable text.</summary>
    private static string? Text(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var c in value.GetString()!)
        {
            text.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c);
        }

        var line = string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return line.Length == 0 ? null : line.Length <= MaxChars ? line : line[..MaxChars] + "…";
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlackCode();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.]{1,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedId();
}
