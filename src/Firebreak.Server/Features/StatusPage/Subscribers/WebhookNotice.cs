using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>
/// A webhook subscriber's notice as JSON (docs/status-page.md and the feature's README show the shape): what changed
/// since the last notice, the public updates published since, and where every watched component stands now. Only what
/// the public page shows; nothing of the incidents behind it.
/// </summary>
public static class WebhookNotice
{
    public const string Type = "status_notice";

    /// <summary>The same for every try of one notice (its <c>Idempotency-Key</c>), whose body differs only by its send time.</summary>
    public static string Id(StatusWebhookSubscriber subscriber, string told, IReadOnlyList<ToldUpdate> updates) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{subscriber.Id}|{subscriber.LastTold}|{told}|{string.Join(',', updates.Select(u => u.Id))}")))[..32];

    public static byte[] Body(
        string id, StatusWebhookSubscriber subscriber, IReadOnlyList<StatusComponent> components, IReadOnlyList<ToldUpdate> updates, string pageName, Uri links, DateTimeOffset now)
    {
        var before = Parse(subscriber.LastTold);
        var watched = Parse(SubscriberNotice.Told(components, subscriber.Components));
        var byKey = components.ToDictionary(c => c.Key, StringComparer.Ordinal);
        var changed = new JsonArray();
        var all = new JsonArray();
        foreach (var (key, status) in watched)
        {
            all.Add(new JsonObject { ["key"] = key, ["name"] = byKey[key].Name, ["status"] = status });
            if (!before.TryGetValue(key, out var was) || was != status)
            {
                changed.Add(new JsonObject { ["key"] = key, ["name"] = byKey[key].Name, ["status"] = status, ["was"] = was });
            }
        }

        var told = new JsonArray();
        foreach (var u in updates)
        {
            told.Add(new JsonObject
            {
                ["id"] = u.Id,
                ["incident"] = u.Incident,
                ["status"] = u.Status,
                ["body"] = u.Body,
                ["components"] = new JsonArray([.. u.Components.Select(c => (JsonNode?)JsonValue.Create(c))]),
                ["published_at"] = Time(u.PublishedAt),
            });
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["type"] = Type,
            ["id"] = id,
            ["page"] = new JsonObject { ["name"] = pageName, ["url"] = new Uri(links, "status").AbsoluteUri },
            ["changed"] = changed,
            ["incident_updates"] = told,
            ["components"] = all,
            ["at"] = Time(now),
        });
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static SortedDictionary<string, string> Parse(string told) =>
        new(told.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal), StringComparer.Ordinal);
}
