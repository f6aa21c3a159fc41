using System.Text;
using System.Text.Json;

namespace Floor;

/// <summary>One alert of a webhook: its identity (the labels, sorted) and what is stored of it.</summary>
internal sealed record IncomingAlert(string Key, string Status, string Body);

internal static class WebhookAlerts
{
    /// <summary>The webhook's alerts, or null when the body is not one.</summary>
    public static async Task<List<IncomingAlert>?> ReadAsync(Stream body, CancellationToken ct)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            if (!doc.RootElement.TryGetProperty("alerts", out var alerts) || alerts.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var read = new List<IncomingAlert>(alerts.GetArrayLength());
            foreach (var alert in alerts.EnumerateArray())
            {
                if (!alert.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                var status = alert.TryGetProperty("status", out var s) ? s.GetString() ?? "firing" : "firing";
                read.Add(new IncomingAlert(KeyOf(labels), status, alert.GetRawText()));
            }

            return read;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string KeyOf(JsonElement labels)
    {
        var pairs = labels.EnumerateObject().Select(p => (p.Name, Value: p.Value.ToString())).OrderBy(p => p.Name, StringComparer.Ordinal);
        var key = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            key.Append(name).Append('=').Append(value).Append('\n');
        }

        return key.ToString();
    }
}
