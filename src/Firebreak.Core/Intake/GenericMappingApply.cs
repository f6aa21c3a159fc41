using System.Globalization;
using System.Text.Json;

namespace Firebreak.Core.Intake;

/// <summary>
/// A compiled <see cref="GenericMapping"/> (from <see cref="GenericMappingValidation.Compile"/>) that turns a JSON body
/// into alert signals. It reports every bad item, not just the first, so a sender can fix a batch in one go; callers
/// store nothing unless there are no errors.
/// </summary>
public sealed class GenericMapper(
    GenericPath? alerts,
    GenericTemplate? dedupKey,
    GenericTemplate summary,
    GenericTemplate? source,
    CompiledValueMap? severity,
    CompiledValueMap? action,
    GenericPath? timestamp,
    CompiledFieldSet? labels,
    CompiledFieldSet? annotations,
    CompiledFieldSet? links,
    GenericPath? customDetails)
{
    public const int MaxSource = 255;

    // The words senders commonly use for alert state, so most need no action map at all.
    private static readonly Dictionary<string, AlertAction> s_actionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trigger"] = AlertAction.Trigger,
        ["triggered"] = AlertAction.Trigger,
        ["firing"] = AlertAction.Trigger,
        ["alerting"] = AlertAction.Trigger,
        ["open"] = AlertAction.Trigger,
        ["problem"] = AlertAction.Trigger,
        ["acknowledge"] = AlertAction.Acknowledge,
        ["acknowledged"] = AlertAction.Acknowledge,
        ["ack"] = AlertAction.Acknowledge,
        ["resolve"] = AlertAction.Resolve,
        ["resolved"] = AlertAction.Resolve,
        ["ok"] = AlertAction.Resolve,
        ["closed"] = AlertAction.Resolve,
        ["recovered"] = AlertAction.Resolve,
        ["cleared"] = AlertAction.Resolve,
    };

    public GenericMappingResult Apply(JsonElement body)
    {
        var errors = new List<GenericMappingError>();
        var signals = new List<AlertSignal>();
        var items = Items(body, errors);
        for (var i = 0; i < items.Count; i++)
        {
            var before = errors.Count;
            var signal = Item(items[i], $"items[{i}]", errors);
            if (errors.Count == before)
            {
                signals.Add(signal!);
            }
        }

        return new GenericMappingResult(signals, errors);
    }

    private List<JsonElement> Items(JsonElement body, List<GenericMappingError> errors)
    {
        var list = body;
        if (alerts is not null)
        {
            if (alerts.Find(body) is not { } found)
            {
                errors.Add(new("alerts", $"the body has nothing at '{alerts}', where this integration's mapping says the alerts are"));
                return [];
            }

            list = found;
        }

        switch (list.ValueKind)
        {
            case JsonValueKind.Array:
                return [.. list.EnumerateArray()];
            case JsonValueKind.Object:
                return [list];
            default:
                errors.Add(new(alerts is null ? "body" : "alerts",
                    $"{(alerts is null ? "the body" : $"'{alerts}'")} is {GenericTemplate.Describe(list)}; send an alert object or an array of them"));
                return [];
        }
    }

    private AlertSignal? Item(JsonElement item, string where, List<GenericMappingError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(where, $"is {GenericTemplate.Describe(item)}; each alert must be a JSON object"));
            return null;
        }

        void Fail(string field, string message) => errors.Add(new($"{where}.{field}", message));

        var act = Action(item, Fail);
        var key = Text(dedupKey, item, "dedupKey", Fail);
        if (key is { Length: > PagerDutyEvent.MaxDedupKey })
        {
            Fail("dedupKey", $"is {key.Length} characters; the limit is {PagerDutyEvent.MaxDedupKey}");
        }
        else if (string.IsNullOrEmpty(key) && act is AlertAction.Acknowledge or AlertAction.Resolve)
        {
            Fail("dedupKey", $"is needed to {act.Value.ToWire()} an alert, and nothing was found at '{dedupKey?.Text ?? "(not mapped)"}'");
        }

        var title = Text(summary, item, "summary", Fail);
        if (string.IsNullOrWhiteSpace(title) && act == AlertAction.Trigger)
        {
            Fail("summary", $"a new alert needs a summary, and nothing was found at '{summary.Text}'");
        }

        var origin = Text(source, item, "source", Fail);
        var level = Severity(item);
        var at = Time(item, Fail);
        var labelMap = Map(labels, item, "labels", Fail);
        var annotationMap = Map(annotations, item, "annotations", Fail);
        var linkList = Links(item, Fail);
        var details = customDetails is null ? item.Clone() : customDetails.Find(item)?.Clone();
        if (act is null)
        {
            return null;
        }

        return new AlertSignal(act.Value, string.IsNullOrEmpty(key) ? null : key,
            Summary: Cut(title, PagerDutyEvent.MaxSummary), Source: Cut(origin, MaxSource), Severity: level, Timestamp: at,
            Labels: labelMap, Annotations: annotationMap, CustomDetails: details, Links: linkList, Client: "Generic JSON");
    }

    private AlertAction? Action(JsonElement item, Action<string, string> fail)
    {
        var configured = action?.Default is { } d ? Enum.Parse<AlertAction>(d, ignoreCase: true) : (AlertAction?)null;
        if (action?.Path?.Find(item) is not { } value)
        {
            return configured ?? AlertAction.Trigger;
        }

        var text = GenericTemplate.Scalar(value) ?? value.GetRawText();
        if (action.Map.TryGetValue(text.Trim(), out var mapped))
        {
            return Enum.Parse<AlertAction>(mapped, ignoreCase: true);
        }

        if (s_actionWords.TryGetValue(text.Trim(), out var known))
        {
            return known;
        }

        if (configured is null)
        {
            // Guessing "trigger" for an unknown state could page someone for what was really a recovery.
            fail("action", $"'{text}' at '{action.Path}' is not an action; add it to action.map (as trigger, acknowledge or resolve) or set action.default");
        }

        return configured;
    }

    private AlertSeverity? Severity(JsonElement item)
    {
        var configured = AlertNames.ParseSeverity(severity?.Default);
        if (severity?.Path?.Find(item) is not { } value || GenericTemplate.Scalar(value) is not { } text)
        {
            return configured;
        }

        if (severity.Map.TryGetValue(text.Trim(), out var mapped))
        {
            return AlertNames.ParseSeverity(mapped);
        }

        return AlertNames.ParseSeverity(text) ?? configured ?? AlertmanagerWebhook.MapSeverity(text);
    }

    private DateTimeOffset? Time(JsonElement item, Action<string, string> fail)
    {
        if (timestamp?.Find(item) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            // Epoch seconds or milliseconds: 1e11 seconds is the year 5138, so anything larger is milliseconds.
            var ms = Math.Abs(number) >= 1e11 ? number : number * 1000;
            if (ms is > -62135596800000 and < 253402300800000)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
            }
        }
        else if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        fail("timestamp", $"{GenericTemplate.Scalar(value) ?? value.GetRawText()} at '{timestamp}' is not an ISO 8601 time or Unix epoch seconds/milliseconds");
        return null;
    }

    private static Dictionary<string, string>? Map(CompiledFieldSet? set, JsonElement item, string field, Action<string, string> fail)
    {
        if (set is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (set.Path?.Find(item) is { } found)
        {
            if (found.ValueKind != JsonValueKind.Object)
            {
                fail(field, $"'{set.Path}' is {GenericTemplate.Describe(found)}; {field} are read from an object of names and values");
            }
            else
            {
                foreach (var p in found.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
                {
                    result[p.Name] = GenericTemplate.Scalar(p.Value) ?? p.Value.GetRawText();
                }
            }
        }

        foreach (var (name, template) in set.Fields)
        {
            if (Text(template, item, $"{field}.{name}", fail) is { } value)
            {
                result[name] = value;
            }
        }

        return result.Count == 0 ? null : result;
    }

    private List<AlertLink>? Links(JsonElement item, Action<string, string> fail)
    {
        if (links is null)
        {
            return null;
        }

        var result = new List<AlertLink>();
        if (links.Path?.Find(item) is { } found)
        {
            var entries = found.ValueKind == JsonValueKind.Array ? [.. found.EnumerateArray()] : new List<JsonElement> { found };
            foreach (var entry in entries)
            {
                var href = entry.ValueKind == JsonValueKind.String ? entry.GetString() : LinkPart(entry, "href", "url", "link");
                if (string.IsNullOrWhiteSpace(href))
                {
                    fail("links", $"each link at '{links.Path}' must be a URL or an object with href (or url) and text");
                    continue;
                }

                result.Add(new AlertLink(href, LinkPart(entry, "text", "name", "title")));
            }
        }

        foreach (var (text, template) in links.Fields)
        {
            if (Text(template, item, $"links.{text}", fail) is { Length: > 0 } href)
            {
                result.Add(new AlertLink(href, text));
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static string? LinkPart(JsonElement entry, params string[] names) =>
        entry.ValueKind != JsonValueKind.Object
            ? null
            : names.Select(n => entry.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(v => v is not null);

    private static string? Text(GenericTemplate? template, JsonElement item, string field, Action<string, string> fail)
    {
        if (template is null)
        {
            return null;
        }

        var (value, problem) = template.Render(item);
        if (problem is not null)
        {
            fail(field, problem);
        }

        return value;
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
