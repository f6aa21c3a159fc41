namespace Firebreak.Core.Intake;

/// <summary>
/// Checks a <see cref="GenericMapping"/> and compiles it into a <see cref="GenericMapper"/>. Every problem is reported,
/// keyed by the field it is in (<c>severity.map.P1</c>, <c>labels.fields.service</c>), so an editor can mark each one.
/// </summary>
public static class GenericMappingValidation
{
    public const int MaxTextLength = 500;
    public const int MaxEntries = 100;

    public static readonly string[] SeverityWords = ["critical", "error", "warning", "info"];
    public static readonly string[] ActionWords = ["trigger", "acknowledge", "resolve"];

    public static (GenericMapper? Mapper, Dictionary<string, string[]> Errors) Compile(GenericMapping mapping)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var alerts = OptionalPath(mapping.Alerts, "alerts", errors);
        var dedupKey = OptionalTemplate(mapping.DedupKey, "dedupKey", errors);
        var summary = OptionalTemplate(mapping.Summary, "summary", errors);
        if (string.IsNullOrWhiteSpace(mapping.Summary))
        {
            Add(errors, "summary", "say where the alert's title is, e.g. title, or a template like {{check}} on {{host}}; a trigger needs a summary");
        }

        var source = OptionalTemplate(mapping.Source, "source", errors);
        var severity = ValueMap(mapping.Severity, "severity", SeverityWords, errors);
        var action = ValueMap(mapping.Action, "action", ActionWords, errors);
        var timestamp = OptionalPath(mapping.Timestamp, "timestamp", errors);
        var labels = FieldSet(mapping.Labels, "labels", errors);
        var annotations = FieldSet(mapping.Annotations, "annotations", errors);
        var links = FieldSet(mapping.Links, "links", errors);
        var details = OptionalPath(mapping.CustomDetails, "customDetails", errors);
        var result = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        return result.Count > 0
            ? (null, result)
            : (new GenericMapper(alerts, dedupKey, summary!, source, severity, action, timestamp, labels, annotations, links, details), result);
    }

    private delegate bool Parser<T>(string text, out T? value, out string? error);

    private static GenericPath? OptionalPath(string? text, string field, Dictionary<string, List<string>> errors) =>
        Optional<GenericPath>(text, field, GenericPath.TryParse, errors);

    private static GenericTemplate? OptionalTemplate(string? text, string field, Dictionary<string, List<string>> errors) =>
        Optional<GenericTemplate>(text, field, GenericTemplate.TryParse, errors);

    private static T? Optional<T>(string? text, string field, Parser<T> parse, Dictionary<string, List<string>> errors)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(text) || !Short(text, field, errors))
        {
            return null;
        }

        if (parse(text, out var value, out var error))
        {
            return value;
        }

        Add(errors, field, error!);
        return null;
    }

    private static CompiledValueMap? ValueMap(GenericValueMap? config, string field, string[] words, Dictionary<string, List<string>> errors)
    {
        if (config is null)
        {
            return null;
        }

        var path = OptionalPath(config.Path, $"{field}.path", errors);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (from, to) in config.Map ?? [])
        {
            var word = to?.Trim().ToLowerInvariant();
            if (string.IsNullOrWhiteSpace(from))
            {
                Add(errors, $"{field}.map", "an entry has no sender value to match");
            }
            else if (!words.Contains(word))
            {
                Add(errors, $"{field}.map.{from}", $"'{to}' is not a {field}; use {Words(words)}");
            }
            else if (!map.TryAdd(from.Trim(), word!))
            {
                Add(errors, $"{field}.map.{from}", $"'{from}' is mapped twice (matching ignores case)");
            }
        }

        Count(config.Map?.Count ?? 0, $"{field}.map", errors);
        var fallback = config.Default?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(fallback) && !words.Contains(fallback))
        {
            Add(errors, $"{field}.default", $"'{config.Default}' is not a {field}; use {Words(words)}");
        }

        if (string.IsNullOrWhiteSpace(config.Path) && config.Map is { Count: > 0 })
        {
            Add(errors, $"{field}.path", $"say where to read the {field} from; the map has nothing to translate without it");
        }

        return new CompiledValueMap(path, map, string.IsNullOrEmpty(fallback) ? null : fallback);
    }

    private static CompiledFieldSet? FieldSet(GenericFieldSet? config, string field, Dictionary<string, List<string>> errors)
    {
        if (config is null)
        {
            return null;
        }

        var path = OptionalPath(config.Path, $"{field}.path", errors);
        var fields = new List<(string, GenericTemplate)>();
        foreach (var (name, value) in config.Fields ?? [])
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                Add(errors, $"{field}.fields", "an entry has no name");
                continue;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                Add(errors, $"{field}.fields.{name}", $"say where '{name}' is read from");
                continue;
            }

            if (OptionalTemplate(value, $"{field}.fields.{name}", errors) is { } template)
            {
                fields.Add((name.Trim(), template));
            }
        }

        Count(config.Fields?.Count ?? 0, $"{field}.fields", errors);
        return path is null && fields.Count == 0 ? null : new CompiledFieldSet(path, fields);
    }

    private static bool Short(string text, string field, Dictionary<string, List<string>> errors)
    {
        if (text.Length <= MaxTextLength)
        {
            return true;
        }

        Add(errors, field, $"is {text.Length} characters; the limit is {MaxTextLength}");
        return false;
    }

    private static void Count(int count, string field, Dictionary<string, List<string>> errors)
    {
        if (count > MaxEntries)
        {
            Add(errors, field, $"has {count} entries; the limit is {MaxEntries}");
        }
    }

    private static string Words(string[] words) => $"{string.Join(", ", words[..^1])} or {words[^1]}";

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }
}

/// <summary>A checked <see cref="GenericValueMap"/>: the map ignores case and its values are our own words.</summary>
public sealed record CompiledValueMap(GenericPath? Path, IReadOnlyDictionary<string, string> Map, string? Default);

/// <summary>A checked <see cref="GenericFieldSet"/>.</summary>
public sealed record CompiledFieldSet(GenericPath? Path, IReadOnlyList<(string Name, GenericTemplate Value)> Fields);
