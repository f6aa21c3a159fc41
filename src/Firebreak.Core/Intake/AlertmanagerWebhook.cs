using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Firebreak.Core.Intake;

public sealed record WebhookParseResult(IReadOnlyList<AlertSignal> Signals, IReadOnlyList<string> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Reads Prometheus Alertmanager <c>webhook_config</c> bodies (payload version 4) and Grafana's webhook contact point,
/// which uses the same <c>alerts[]</c> shape with a few extra fields. Unknown fields are ignored so newer senders work.
/// </summary>
public static class AlertmanagerWebhook
{
    public static WebhookParseResult Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new([], ["the body must be a JSON object with an 'alerts' array"]);
        }

        if (!root.TryGetProperty("alerts", out var alerts) || alerts.ValueKind != JsonValueKind.Array)
        {
            return new([], ["'alerts' is missing or not an array"]);
        }

        var externalUrl = Str(root, "externalURL");
        var signals = new List<AlertSignal>();
        var errors = new List<string>();
        var index = 0;
        foreach (var alert in alerts.EnumerateArray())
        {
            var at = index++;
            if (alert.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"alerts[{at}] is not an object");
                continue;
            }

            var labels = Map(alert, "labels");
            var annotations = Map(alert, "annotations");
            if (labels is null || labels.Count == 0)
            {
                errors.Add($"alerts[{at}].labels is missing or empty");
                continue;
            }

            var status = Str(alert, "status") ?? Str(root, "status") ?? "firing";
            var action = string.Equals(status, "resolved", StringComparison.OrdinalIgnoreCase) ? AlertAction.Resolve : AlertAction.Trigger;
            var fingerprint = Str(alert, "fingerprint");
            var links = new List<AlertLink>();
            AddLink(links, Str(alert, "generatorURL"), "Source");
            AddLink(links, Str(alert, "dashboardURL"), "Dashboard");
            AddLink(links, Str(alert, "panelURL"), "Panel");
            AddLink(links, Str(alert, "silenceURL"), "Silence");
            signals.Add(new AlertSignal(
                action,
                string.IsNullOrEmpty(fingerprint) ? Fingerprint(labels) : fingerprint,
                Summary: Summary(labels, annotations),
                Source: labels.GetValueOrDefault("instance") ?? labels.GetValueOrDefault("job") ?? externalUrl ?? "alertmanager",
                Severity: MapSeverity(labels.GetValueOrDefault("severity")),
                Timestamp: Time(alert, "startsAt"),
                Component: labels.GetValueOrDefault("service") ?? labels.GetValueOrDefault("job"),
                Group: labels.GetValueOrDefault("namespace") ?? labels.GetValueOrDefault("cluster"),
                Class: labels.GetValueOrDefault("alertname"),
                Labels: labels,
                Annotations: annotations,
                Links: links.Count == 0 ? null : links,
                Client: "Alertmanager",
                ClientUrl: externalUrl));
        }

        return new WebhookParseResult(signals, errors);
    }

    /// <summary>Maps the severity labels people actually use onto the four PagerDuty words.</summary>
    public static AlertSeverity MapSeverity(string? label) => label?.Trim().ToUpperInvariant() switch
    {
        "CRITICAL" or "CRIT" or "PAGE" or "P0" or "P1" or "SEV-1" or "SEV1" or "EMERGENCY" or "ALERT" => AlertSeverity.Critical,
        "WARNING" or "WARN" or "P3" or "SEV-3" or "SEV3" => AlertSeverity.Warning,
        "INFO" or "INFORMATIONAL" or "NONE" or "LOW" or "P4" or "SEV-4" or "SEV4" or "NOTICE" => AlertSeverity.Info,
        _ => AlertSeverity.Error,
    };

    /// <summary>A stable key from the label set, for senders that send no fingerprint.</summary>
    public static string Fingerprint(IReadOnlyDictionary<string, string> labels)
    {
        // The SHA-256 of "name\u001evalue" pairs in name order, joined by \u001f: the key every stored alert already has,
        // so it must not change. Written straight into one buffer, because every alert of a storm is fingerprinted.
        var pairs = new KeyValuePair<string, string>[labels.Count];
        var chars = 0;
        var n = 0;
        foreach (var pair in labels)
        {
            pairs[n++] = pair;
            chars += pair.Key.Length + pair.Value.Length + 2;
        }

        Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var size = Encoding.UTF8.GetMaxByteCount(chars);
        var rented = size > 1024 ? ArrayPool<byte>.Shared.Rent(size) : null;
        Span<byte> canonical = rented is null ? stackalloc byte[1024] : rented;
        var length = 0;
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
            {
                canonical[length++] = 0x1f;
            }

            length += Encoding.UTF8.GetBytes(pairs[i].Key, canonical[length..]);
            canonical[length++] = 0x1e;
            length += Encoding.UTF8.GetBytes(pairs[i].Value, canonical[length..]);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical[..length], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return Convert.ToHexStringLower(hash[..8]);
    }

    private static string Summary(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? annotations)
    {
        var text = annotations?.GetValueOrDefault("summary") ?? annotations?.GetValueOrDefault("description") ?? annotations?.GetValueOrDefault("message");
        if (string.IsNullOrWhiteSpace(text))
        {
            var name = labels.GetValueOrDefault("alertname") ?? "Alert";
            var where = labels.GetValueOrDefault("instance") ?? labels.GetValueOrDefault("job");
            text = where is null ? name : $"{name} on {where}";
        }

        return text.Length <= PagerDutyEvent.MaxSummary ? text : text[..PagerDutyEvent.MaxSummary];
    }

    private static void AddLink(List<AlertLink> links, string? href, string text)
    {
        if (!string.IsNullOrEmpty(href))
        {
            links.Add(new AlertLink(href, text));
        }
    }

    private static Dictionary<string, string>? Map(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in map.EnumerateObject())
        {
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        }

        return result;
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Time(JsonElement obj, string name) =>
        Str(obj, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var t)
            && t.Year > 1 ? t : null;
}
