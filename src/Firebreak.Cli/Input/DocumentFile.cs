using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Cli.Input;

/// <summary>
/// Reads a JSON or YAML file (or stdin for "-") into a JSON tree to send as is. A tree rather than the CLI's own
/// records, so fields a newer server understands pass through this client untouched and the server alone validates.
/// </summary>
internal static class DocumentFile
{
    public const string Stdin = "-";

    private static readonly JsonDocumentOptions s_json = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <param name="option">The option that named the file, so an error says which one of several was wrong.</param>
    public static async Task<JsonNode> ReadAsync(CliEnvironment env, string option, string path, CancellationToken ct)
    {
        var text = await ReadTextAsync(env, option, path, ct);
        var name = path == Stdin ? "stdin" : path;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliException(ExitCodes.Usage, $"{option} {name} is empty.");
        }

        return IsJson(path, text) ? ParseJson(option, name, text) : ParseYaml(option, name, text);
    }

    private static async Task<string> ReadTextAsync(CliEnvironment env, string option, string path, CancellationToken ct)
    {
        if (path == Stdin)
        {
            return await env.In.ReadToEndAsync(ct);
        }

        try
        {
            return await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // FileNotFoundException's message already names the path; the others do not always.
            throw new CliException(ExitCodes.Usage, $"{option}: cannot read {path}: {ex.Message}");
        }
    }

    /// <summary>By extension; otherwise by the first character, which for JSON worth sending is a brace or bracket.</summary>
    private static bool IsJson(string path, string text)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension == ".json" || (extension is not (".yaml" or ".yml") && text.TrimStart() is ['{' or '[', ..]);
    }

    private static JsonNode ParseJson(string option, string name, string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: s_json) ?? throw Invalid(option, name, "JSON", "it is null");
        }
        catch (JsonException ex)
        {
            var cut = ex.Message.IndexOf(" Path:", StringComparison.Ordinal);
            throw Invalid(option, name, "JSON", cut > 0 ? ex.Message[..cut] : ex.Message);
        }
    }

    private static JsonNode ParseYaml(string option, string name, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            return stream.Documents switch
            {
                [var only] => ToJson(only.RootNode) ?? throw Invalid(option, name, "YAML", "it is null"),
                _ => throw Invalid(option, name, "YAML", "it holds several documents; put everything in one"),
            };
        }
        catch (YamlException ex)
        {
            throw Invalid(option, name, "YAML", $"line {ex.Start.Line}: {(ex.InnerException ?? ex).Message}");
        }
    }

    private static CliException Invalid(string option, string name, string format, string why) =>
        new(ExitCodes.Usage, $"{option} {name} is not valid {format}: {why}");

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(Key(c.Key), ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new YamlException(node.Start, node.End, "unsupported node"),
    };

    private static string Key(YamlNode key) =>
        key is YamlScalarNode { Value: { } value } ? value : throw new YamlException(key.Start, key.End, "keys must be plain text");

    /// <summary>
    /// YAML 1.2's core schema: unquoted true, false, null and numbers are those types, so <c>drop: true</c> arrives
    /// as a boolean; anything quoted stays a string.
    /// </summary>
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            [>= '0' and <= '9' or '-' or '+' or '.', ..] when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                && double.IsFinite(real) => JsonValue.Create(real),
            _ => JsonValue.Create(value),
        };
    }
}
