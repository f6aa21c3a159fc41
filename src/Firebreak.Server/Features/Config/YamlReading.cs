using System.Globalization;
using Firebreak.Core.Config;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Config;

/// <summary>
/// Reading a YAML node tree with every mistake recorded at its file and line: config walks the nodes rather than
/// deserializing into classes so that each error can say where it is. Sections read their items through this.
/// </summary>
public sealed class YamlReading(ConfigErrors errors)
{
    public delegate bool Parser<T>(string text, out T value);

    /// <summary>The file being read, as errors name it.</summary>
    public string File { get; set; } = "";

    /// <summary>Lines before the YAML's first in its file, for YAML inside another file (a runbook's front matter).</summary>
    public long LineOffset { get; init; }

    public ConfigErrors Errors => errors;

    public SourceRef Where(YamlNode node) => new(File, node.Start.Line + LineOffset);

    public void Error(YamlNode node, string message) => errors.Add(Where(node), message);

    /// <summary>Each mapping of a list, read by <paramref name="read"/> with its position; other items are errors.</summary>
    public IEnumerable<T> Items<T>(YamlNode node, Func<YamlMappingNode, int, T?> read)
        where T : class
    {
        if (node is not YamlSequenceNode seq)
        {
            Error(node, "expected a list");
            yield break;
        }

        var i = 0;
        foreach (var child in seq.Children)
        {
            if (child is not YamlMappingNode map)
            {
                Error(child, "expected a mapping (key: value pairs)");
                continue;
            }

            if (read(map, i++) is { } item)
            {
                yield return item;
            }
        }
    }

    public List<string> Strings(YamlNode node)
    {
        if (node is YamlSequenceNode seq)
        {
            return [.. seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")];
        }

        Error(node, "expected a list of strings");
        return [];
    }

    public List<string> StringOrList(YamlNode node) => node is YamlScalarNode scalar ? [scalar.Value ?? ""] : Strings(node);

    public TimeSpan? Duration(YamlMappingNode map, string key) =>
        Parsed<TimeSpan>(map, key, DurationParser.TryParse, $"a duration up to {DurationParser.LongestText}; write e.g. 90s, 5m, 1h30m, 3d");

    public int? WholeNumber(YamlMappingNode map, string key) =>
        Parsed(map, key, (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value), "a whole number");

    public bool? Bool(YamlMappingNode map, string key) => Parsed<bool>(map, key, bool.TryParse, "true or false");

    public T? Parsed<T>(YamlMappingNode map, string key, Parser<T> parse, string expected)
        where T : struct
    {
        var text = Str(map, key);
        if (text is null)
        {
            return null;
        }

        if (parse(text, out var value))
        {
            return value;
        }

        Error(At(map, key), $"'{key}: {text}' is not {expected}");
        return null;
    }

    public string? Required(YamlMappingNode map, string key)
    {
        var value = Str(map, key);
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(map, $"'{key}' is required");
            return null;
        }

        return value;
    }

    public string? Str(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error(node, $"'{key}' must be a single value");
        return null;
    }

    /// <summary>A misspelt field would otherwise be ignored in silence, and the default it leaves in force is a surprise.</summary>
    public void Known(YamlMappingNode map, string[] fields, params string[] reportedElsewhere)
    {
        foreach (var keyNode in map.Children.Keys)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!fields.Contains(key, StringComparer.Ordinal) && !reportedElsewhere.Contains(key, StringComparer.Ordinal))
            {
                Error(keyNode, $"unknown field '{key}'; expected one of: {string.Join(", ", fields)}");
            }
        }
    }

    public static bool Has(YamlMappingNode map, string key) => map.Children.ContainsKey(new YamlScalarNode(key));

    public static YamlNode At(YamlMappingNode map, string key) => map.Children[new YamlScalarNode(key)];

    public static YamlNode? Get(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
}
