using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Firebreak.Core.Intake;

/// <summary>One step of a path: a property name, or an index into an array.</summary>
public readonly record struct PathStep(string? Name, int Index);

/// <summary>
/// A simple dotted path into a JSON value: <c>alert.labels.service</c>, <c>items[0].id</c>, <c>labels['app.kubernetes.io/name']</c>;
/// empty or <c>$</c> is the item itself, and a leading <c>$.</c> is allowed for people used to JSONPath. Alternatives
/// separated by <c>|</c> are tried in order and the first present, non-null value wins. Deliberately not JSONPath:
/// one value per path is all a mapping needs, and filters or wildcards would make "which value?" ambiguous.
/// </summary>
public sealed class GenericPath
{
    private GenericPath(string text, IReadOnlyList<IReadOnlyList<PathStep>> alternatives)
    {
        Text = text;
        Alternatives = alternatives;
    }

    public string Text { get; }

    public IReadOnlyList<IReadOnlyList<PathStep>> Alternatives { get; }

    public override string ToString() => Text;

    public static bool TryParse(string text, out GenericPath? path, out string? error)
    {
        path = null;
        var alternatives = new List<IReadOnlyList<PathStep>>();
        var split = text.Split('|');
        foreach (var alternative in split)
        {
            // Only a path that is empty as a whole means "the item itself"; "title|" is a slip, not a fallback.
            if (split.Length > 1 && alternative.Trim().Length == 0)
            {
                error = $"'{text}' is not a path: one of its '|' alternatives is empty";
                return false;
            }

            if (!TryParseOne(alternative.Trim(), out var steps, out error))
            {
                error = $"'{text}' is not a path: {error}. Write names joined by dots, [n] for an array item and ['name'] for a name with dots, e.g. alert.labels.service or items[0].id";
                return false;
            }

            alternatives.Add(steps);
        }

        error = null;
        path = new GenericPath(text.Trim(), alternatives);
        return true;
    }

    /// <summary>The first alternative's value that is present and not null.</summary>
    public JsonElement? Find(JsonElement item)
    {
        foreach (var steps in Alternatives)
        {
            if (Walk(item, steps) is { ValueKind: not JsonValueKind.Null } found)
            {
                return found;
            }
        }

        return null;
    }

    private static JsonElement? Walk(JsonElement item, IReadOnlyList<PathStep> steps)
    {
        var current = item;
        foreach (var step in steps)
        {
            if (step.Name is { } name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }
            else if (current.ValueKind != JsonValueKind.Array || step.Index >= current.GetArrayLength())
            {
                return null;
            }
            else
            {
                current = current[step.Index];
            }
        }

        return current;
    }

    private static bool TryParseOne(string text, out IReadOnlyList<PathStep> result, out string? error)
    {
        var steps = new List<PathStep>();
        result = steps;
        error = null;
        var s = text;
        if (s == "$")
        {
            return true;
        }

        if (s.StartsWith("$.", StringComparison.Ordinal) || s.StartsWith("$[", StringComparison.Ordinal))
        {
            s = s[1..].TrimStart('.');
        }

        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '[')
            {
                var close = s.IndexOf(']', i);
                if (close < 0)
                {
                    error = "a '[' is not closed";
                    return false;
                }

                var inner = s[(i + 1)..close].Trim();
                if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    steps.Add(new PathStep(inner[1..^1], 0));
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(new PathStep(null, index));
                }
                else
                {
                    error = $"[{inner}] is neither an array index like [0] nor a quoted name like ['a.b']";
                    return false;
                }

                i = close + 1;
                if (i < s.Length && s[i] == '.')
                {
                    i++;
                    if (i == s.Length)
                    {
                        error = "it ends with '.'";
                        return false;
                    }
                }
                else if (i < s.Length && s[i] != '[')
                {
                    error = $"'{s[i]}' after ']' should be '.' or '['";
                    return false;
                }

                continue;
            }

            var end = s.IndexOfAny(['.', '['], i);
            var name = (end < 0 ? s[i..] : s[i..end]).Trim();
            if (name.Length == 0 || name.Contains(']', StringComparison.Ordinal))
            {
                error = name.Length == 0 ? "a name is empty (two dots in a row, or a dot at either end)" : $"'{name}' has a stray ']'";
                return false;
            }

            steps.Add(new PathStep(name, 0));
            if (end < 0)
            {
                break;
            }

            i = s[end] == '.' ? end + 1 : end;
            if (s[end] == '.' && (i == s.Length || s[i] == '['))
            {
                error = i == s.Length ? "it ends with '.'" : "a name must follow '.'; write a[0], not a.[0]";
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// A text field's mapping: a <see cref="GenericPath"/>, or a template such as <c>{{host}}/{{check}}</c> that joins
/// several. In a template a missing value reads as empty, and a template none of whose values exist yields nothing.
/// </summary>
public sealed class GenericTemplate
{
    private readonly IReadOnlyList<(string? Literal, GenericPath? Path)> _parts;

    private GenericTemplate(string text, IReadOnlyList<(string? Literal, GenericPath? Path)> parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    /// <summary>The paths it reads, in order.</summary>
    public IEnumerable<GenericPath> Paths => _parts.Select(p => p.Path).OfType<GenericPath>();

    public override string ToString() => Text;

    public static bool TryParse(string text, out GenericTemplate? template, out string? error)
    {
        template = null;
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            if (!GenericPath.TryParse(text, out var only, out error))
            {
                return false;
            }

            template = new GenericTemplate(text, [(null, only)]);
            return true;
        }

        var parts = new List<(string?, GenericPath?)>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add((text[i..], null));
                break;
            }

            if (open > i)
            {
                parts.Add((text[i..open], null));
            }

            var close = text.IndexOf("}}", open, StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}': a '{{{{' is not closed with '}}}}'";
                return false;
            }

            var inner = text[(open + 2)..close].Trim();
            if (inner.Length == 0)
            {
                error = $"'{text}': '{{{{}}}}' names no path";
                return false;
            }

            if (!GenericPath.TryParse(inner, out var path, out error))
            {
                return false;
            }

            parts.Add((null, path));
            i = close + 2;
        }

        error = null;
        template = new GenericTemplate(text, parts);
        return true;
    }

    /// <summary>The text for one item, or a problem when a path points at an object or array.</summary>
    public (string? Value, string? Problem) Render(JsonElement item)
    {
        var text = new StringBuilder();
        var found = false;
        foreach (var (literal, path) in _parts)
        {
            if (path is null)
            {
                text.Append(literal);
                continue;
            }

            if (path.Find(item) is not { } value)
            {
                continue;
            }

            if (Scalar(value) is not { } scalar)
            {
                return (null, $"'{path}' is {Describe(value)}, not text or a number");
            }

            found = true;
            text.Append(scalar);
        }

        return (found ? text.ToString() : null, null);
    }

    /// <summary>Text for strings, numbers and booleans as written; null for objects and arrays.</summary>
    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
