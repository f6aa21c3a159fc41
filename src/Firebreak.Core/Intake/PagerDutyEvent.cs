using System.Globalization;
using System.Text.Json;

namespace Firebreak.Core.Intake;

/// <summary>A parsed PagerDuty Events API v2 event, or every reason it is invalid (all of them, not just the first).</summary>
public sealed record PagerDutyParseResult(string? RoutingKey, AlertSignal? Signal, IReadOnlyList<string> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>Reads PagerDuty Events API v2 <c>/v2/enqueue</c> bodies with the same rules and limits as PagerDuty.</summary>
public static class PagerDutyEvent
{
    public const int MaxDedupKey = 255;
    public const int MaxSummary = 1024;
    public const int MaxChangeSource = 255;

    public static PagerDutyParseResult Parse(JsonElement root)
    {
        var errors = new List<string>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new PagerDutyParseResult(null, null, ["Event object is invalid: the body must be a JSON object."]);
        }

        var routingKey = String(root, "routing_key", errors);
        if (string.IsNullOrWhiteSpace(routingKey))
        {
            errors.Add("'routing_key' is missing or blank.");
        }

        var actionText = String(root, "event_action", errors);
        AlertAction? action = actionText switch
        {
            "trigger" => AlertAction.Trigger,
            "acknowledge" => AlertAction.Acknowledge,
            "resolve" => AlertAction.Resolve,
            _ => null,
        };
        if (action is null)
        {
            errors.Add(string.IsNullOrEmpty(actionText)
                ? "'event_action' is missing or blank; use trigger, acknowledge or resolve."
                : $"'event_action' is invalid: '{actionText}'; use trigger, acknowledge or resolve.");
        }

        var dedupKey = String(root, "dedup_key", errors);
        if (dedupKey is { Length: > MaxDedupKey })
        {
            errors.Add($"'dedup_key' is {dedupKey.Length} characters; the limit is {MaxDedupKey}.");
        }

        if (action is AlertAction.Acknowledge or AlertAction.Resolve && string.IsNullOrEmpty(dedupKey))
        {
            errors.Add($"'dedup_key' is required to {actionText} an alert.");
        }

        string? summary = null, source = null, component = null, group = null, cls = null;
        AlertSeverity? severity = null;
        DateTimeOffset? timestamp = null;
        JsonElement? details = null;
        if (action == AlertAction.Trigger)
        {
            if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                errors.Add("'payload' is missing; a trigger needs payload.summary, payload.source and payload.severity.");
            }
            else
            {
                summary = String(payload, "summary", errors, "payload.");
                source = String(payload, "source", errors, "payload.");
                var severityText = String(payload, "severity", errors, "payload.");
                component = String(payload, "component", errors, "payload.");
                group = String(payload, "group", errors, "payload.");
                cls = String(payload, "class", errors, "payload.");
                if (string.IsNullOrWhiteSpace(summary))
                {
                    errors.Add("'payload.summary' is missing or blank.");
                }
                else if (summary.Length > MaxSummary)
                {
                    errors.Add($"'payload.summary' is {summary.Length} characters; the limit is {MaxSummary}.");
                }

                if (string.IsNullOrWhiteSpace(source))
                {
                    errors.Add("'payload.source' is missing or blank.");
                }

                severity = AlertNames.ParseSeverity(severityText);
                if (severity is null)
                {
                    errors.Add(string.IsNullOrEmpty(severityText)
                        ? "'payload.severity' is missing; use critical, error, warning or info."
                        : $"'payload.severity' is invalid: '{severityText}'; use critical, error, warning or info.");
                }

                timestamp = Timestamp(payload, errors);

                if (payload.TryGetProperty("custom_details", out var cd) && cd.ValueKind != JsonValueKind.Null)
                {
                    details = cd.Clone();
                }
            }
        }

        var links = Links(root, errors);
        var images = Images(root, errors);
        var client = String(root, "client", errors);
        var clientUrl = String(root, "client_url", errors);
        if (errors.Count > 0 || action is null)
        {
            return new PagerDutyParseResult(routingKey, null, errors);
        }

        return new PagerDutyParseResult(routingKey, new AlertSignal(action.Value, string.IsNullOrEmpty(dedupKey) ? null : dedupKey,
            summary, source, severity, timestamp, component, group, cls, null, null, details, links, images, client, clientUrl), errors);
    }

    internal static string? String(JsonElement obj, string name, List<string> errors, string prefix = "")
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"'{prefix}{name}' must be a string.");
            return null;
        }

        return value.GetString();
    }

    internal static DateTimeOffset? Timestamp(JsonElement payload, List<string> errors)
    {
        var text = String(payload, "timestamp", errors, "payload.");
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var ts))
        {
            return ts;
        }

        errors.Add($"'payload.timestamp' is not an ISO 8601 time: '{text}'.");
        return null;
    }

    internal static List<AlertLink>? Links(JsonElement root, List<string> errors)
    {
        if (!root.TryGetProperty("links", out var links) || links.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (links.ValueKind != JsonValueKind.Array)
        {
            errors.Add("'links' must be an array of {href, text}.");
            return null;
        }

        var result = new List<AlertLink>();
        foreach (var link in links.EnumerateArray())
        {
            var href = link.ValueKind == JsonValueKind.Object ? String(link, "href", errors, "links[].") : null;
            if (string.IsNullOrEmpty(href))
            {
                errors.Add("each entry of 'links' needs an 'href'.");
                continue;
            }

            result.Add(new AlertLink(href, String(link, "text", errors, "links[].")));
        }

        return result;
    }

    private static List<AlertImage>? Images(JsonElement root, List<string> errors)
    {
        if (!root.TryGetProperty("images", out var images) || images.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (images.ValueKind != JsonValueKind.Array)
        {
            errors.Add("'images' must be an array of {src, href, alt}.");
            return null;
        }

        var result = new List<AlertImage>();
        foreach (var image in images.EnumerateArray())
        {
            var src = image.ValueKind == JsonValueKind.Object ? String(image, "src", errors, "images[].") : null;
            if (string.IsNullOrEmpty(src))
            {
                errors.Add("each entry of 'images' needs a 'src'.");
                continue;
            }

            result.Add(new AlertImage(src, String(image, "href", errors, "images[]."), String(image, "alt", errors, "images[].")));
        }

        return result;
    }
}

/// <summary>A parsed PagerDuty change event (<c>/v2/change/enqueue</c>).</summary>
public sealed record ChangeSignal(string RoutingKey, string Summary, string? Source, DateTimeOffset? Timestamp, JsonElement? CustomDetails, IReadOnlyList<AlertLink>? Links);

public static class PagerDutyChangeEvent
{
    public static (ChangeSignal? Change, IReadOnlyList<string> Errors) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, ["Event object is invalid: the body must be a JSON object."]);
        }

        var errors = new List<string>();
        var key = PagerDutyEvent.String(root, "routing_key", errors);
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.Add("'routing_key' is missing or blank.");
        }

        string? summary = null, source = null;
        DateTimeOffset? timestamp = null;
        JsonElement? details = null;
        if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            errors.Add("'payload' is missing; a change event needs payload.summary.");
        }
        else
        {
            summary = PagerDutyEvent.String(payload, "summary", errors, "payload.");
            source = PagerDutyEvent.String(payload, "source", errors, "payload.");
            if (string.IsNullOrWhiteSpace(summary))
            {
                errors.Add("'payload.summary' is missing or blank.");
            }
            else if (summary.Length > PagerDutyEvent.MaxSummary)
            {
                errors.Add($"'payload.summary' is {summary.Length} characters; the limit is {PagerDutyEvent.MaxSummary}.");
            }

            if (source is { Length: > PagerDutyEvent.MaxChangeSource })
            {
                errors.Add($"'payload.source' is {source.Length} characters; the limit is {PagerDutyEvent.MaxChangeSource}.");
            }

            timestamp = PagerDutyEvent.Timestamp(payload, errors);
            if (payload.TryGetProperty("custom_details", out var cd) && cd.ValueKind != JsonValueKind.Null)
            {
                details = cd.Clone();
            }
        }

        var links = PagerDutyEvent.Links(root, errors);
        return errors.Count > 0 ? (null, errors) : (new ChangeSignal(key!, summary!, source, timestamp, details, links), errors);
    }
}
