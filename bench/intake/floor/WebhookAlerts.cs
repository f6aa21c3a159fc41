using System.Text.Json;
using Firebreak.Core.Intake;

namespace Floor;

/// <summary>One alert of a webhook: its identity (a hash of its labels) and what is stored of it.</summary>
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

    // Firebreak's own key for an alert without a fingerprint (a hash, as Alertmanager's is): the labels' text itself
    // would sort a request's alerts next to each other in the index, and write fewer pages.
    private static string KeyOf(JsonElement labels) =>
        AlertmanagerWebhook.Fingerprint(labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal));
}
