using System.Text.Json;
using System.Text.Json.Nodes;

namespace Firebreak.Core.Intake;

/// <summary>
/// Builds a body that a mapping reads as one critical trigger, so the curl snippet and the dry-run example on an
/// integration's page fit that integration's own mapping instead of a format it does not read.
/// </summary>
public static class GenericMappingSample
{
    public static string Build(GenericMapping mapping)
    {
        var item = new JsonObject();
        SetTemplate(item, mapping.DedupKey, "disk-db-1");
        SetTemplate(item, mapping.Summary, "Disk full on db-1");
        SetTemplate(item, mapping.Source, "db-1");
        SetWord(item, mapping.Severity, "critical");
        SetWord(item, mapping.Action, "trigger");
        if (First(mapping.Labels?.Path) is { } labels)
        {
            Set(item, labels, new JsonObject { ["service"] = "database" });
        }

        foreach (var (name, value) in mapping.Labels?.Fields ?? [])
        {
            SetTemplate(item, value, name);
        }

        JsonNode root = item;
        if (First(mapping.Alerts) is { } alerts)
        {
            root = new JsonObject();
            Set(root, alerts, new JsonArray(item));
        }

        return root.ToJsonString(JsonSerializerOptions.Web);
    }

    private static void SetTemplate(JsonNode item, string? template, string sample)
    {
        if (string.IsNullOrWhiteSpace(template) || !GenericTemplate.TryParse(template, out var parsed, out _))
        {
            return;
        }

        var first = true;
        foreach (var path in parsed!.Paths)
        {
            var steps = path.Alternatives[0];
            Set(item, steps, first ? sample : steps.LastOrDefault(s => s.Name is not null).Name ?? "x");
            first = false;
        }
    }

    private static void SetWord(JsonNode item, GenericValueMap? map, string word)
    {
        if (First(map?.Path) is not { } path)
        {
            return;
        }

        var senderWord = map!.Map?.FirstOrDefault(e => string.Equals(e.Value?.Trim(), word, StringComparison.OrdinalIgnoreCase)).Key;
        Set(item, path, senderWord ?? word);
    }

    private static IReadOnlyList<PathStep>? First(string? path) =>
        !string.IsNullOrWhiteSpace(path) && GenericPath.TryParse(path, out var parsed, out _) && parsed!.Alternatives[0].Count > 0
            ? parsed.Alternatives[0]
            : null;

    // Creates objects and arrays along the way; never overwrites a value another field already placed.
    private static void Set(JsonNode node, IReadOnlyList<PathStep> steps, JsonNode value)
    {
        var current = node;
        for (var i = 0; i < steps.Count; i++)
        {
            var last = i == steps.Count - 1;
            JsonNode? Next() => last ? value : steps[i + 1].Name is null ? new JsonArray() : new JsonObject();
            if (steps[i].Name is { } name && current is JsonObject obj)
            {
                if (!obj.ContainsKey(name))
                {
                    obj[name] = Next();
                }
                else if (last)
                {
                    return;
                }

                current = obj[name]!;
            }
            else if (steps[i].Name is null && current is JsonArray array)
            {
                while (array.Count <= steps[i].Index)
                {
                    array.Add(array.Count == steps[i].Index ? Next() : null);
                }

                current = array[steps[i].Index]!;
            }
            else
            {
                return;
            }

            if (current is null)
            {
                return;
            }
        }
    }
}
