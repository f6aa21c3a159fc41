using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Firebreak.Server.Tests.Http;

/// <summary>One request body to send, what was done to the seed to get it, and its Content-Type (null: none).</summary>
public sealed record FuzzBody(string Mutation, byte[] Bytes, string? ContentType = "application/json");

/// <summary>
/// Turns a valid seed body into malformed ones: systematically (null at every position) and at random from a seeded
/// <see cref="Random"/>, so a failure replays with the same seed.
/// </summary>
public static class FuzzBodies
{
    private const string Marker = "FUZZ_MARKER_7f3a";

    private static readonly JsonSerializerOptions s_writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] s_wrongTypes = ["0", "-1", "1.5", "true", "false", "\"x\"", "\"\"", "[]", "{}", "[1,\"a\",null]", "{\"a\":null}"];

    private static readonly string[] s_hugeNumbers =
    [
        "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "-9223372036854775809", "9223372036854775808",
        "2147483648", "-2147483649", "0.0000001", "-0", "4.9e-324", "1.7976931348623157e308",
    ];

    private static readonly byte[][] s_invalidUtf8 =
    [
        [0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0x80], [0xF4, 0x90, 0x80, 0x80],
    ];

    private static readonly string[] s_loneSurrogates = ["\\ud800", "\\udc00", "x\\ud83d", "\\ud83d\\u0041", "\\udfff\\ud800"];

    private static readonly string[] s_controlEscapes = ["\\u0000", "a\\u0000b", "\\u0001\\u001f", "\\u0007\\b\\f", "\\u007f\\u0085\\u2028"];

    private static readonly string[] s_weirdStrings =
    [
        "", " ", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59", "0001-01-01T00:00", "-999999", "99999999d", "9999999w",
        "1000000h", "P1Y", "../../etc/passwd", "%00", "ü😀", "\u202e", "user:", "schedule:", "commander:x", "=~(", "a=~[", "*/0 * * * *",
        "60 25 * * *", "Mon-Sun 25:00-26:00", "Fri 17:00 - Mon", "2026-02-30T09:00", "24:00", "-1", "NaN", "null", "SEV-99", "Z",
        "{{", "{{}}", "a|", "|", "items[99999999999]", "a.b.c.d.e.f", "[-1]", "2147483648m",
    ];

    private static readonly string?[] s_contentTypes =
    [
        null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
        "application/json; charset=latin1", "application/octet-stream", "application/merge-patch+json", "*/*",
    ];

    private static readonly int[] s_depths = [65, 200, 5000];

    private static readonly int[] s_lengths = [300, 5_000, 200_000];

    private static readonly string[] s_roots = ["null", "[]", "\"x\"", "1", "[{}]", "{}", "[null]", "true", "{\"\":{}}"];

    /// <summary>Null in place of every value and as an extra item of every array.</summary>
    public static IEnumerable<FuzzBody> NullsEverywhere(JsonNode seed)
    {
        foreach (var path in Positions(seed).Where(p => p.Count > 0))
        {
            yield return new FuzzBody($"null at {Show(path)}", Splice(seed, path, "null"));
        }

        foreach (var path in Positions(seed).Where(p => Find(seed, p) is JsonArray))
        {
            var copy = seed.DeepClone();
            ((JsonArray)Find(copy, path)!).Add(null);
            yield return new FuzzBody($"null item in {Show(path)}", Encoding.UTF8.GetBytes(copy.ToJsonString(s_writer)));
        }
    }

    public static FuzzBody Random(JsonNode seed, Random rng)
    {
        var positions = Positions(seed);
        var any = positions[rng.Next(positions.Count)];
        var strings = positions.Where(p => Find(seed, p) is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToList();
        var text = strings.Count > 0 ? strings[rng.Next(strings.Count)] : any;
        var bytes = Encoding.UTF8.GetBytes(seed.ToJsonString(s_writer));
        switch (rng.Next(15))
        {
            case 0:
                return new FuzzBody("truncated", bytes[..rng.Next(bytes.Length)]);
            case 1:
                var wrong = Pick(rng, s_wrongTypes);
                return new FuzzBody($"{wrong} at {Show(any)}", Splice(seed, any, wrong));
            case 2:
                return new FuzzBody($"null at {Show(any)}", Splice(seed, any, "null"));
            case 3:
                var bad = Pick(rng, s_invalidUtf8);
                return new FuzzBody($"invalid UTF-8 {Convert.ToHexString(bad)} in {Show(text)}",
                    Splice(seed, text, [(byte)'"', (byte)'a', .. bad, (byte)'b', (byte)'"']));
            case 4:
                var surrogate = Pick(rng, s_loneSurrogates);
                return new FuzzBody($"{surrogate} in {Show(text)}", Splice(seed, text, $"\"{surrogate}\""));
            case 5:
                var depth = Pick(rng, s_depths);
                var nested = rng.Next(2) == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                return new FuzzBody($"nested {depth} deep at {Show(any)}", Splice(seed, any, nested));
            case 6:
                var number = Pick(rng, s_hugeNumbers);
                return new FuzzBody($"{number} at {Show(any)}", Splice(seed, any, number));
            case 7:
                var control = Pick(rng, s_controlEscapes);
                return rng.Next(2) == 0
                    ? new FuzzBody($"{control} in {Show(text)}", Splice(seed, text, $"\"{control}\""))
                    : new FuzzBody($"raw control byte in {Show(text)}", Splice(seed, text, [(byte)'"', (byte)rng.Next(0, 32), (byte)'"']));
            case 8:
                return new FuzzBody("empty body", [], rng.Next(2) == 0 ? "application/json" : null);
            case 9:
                var type = Pick(rng, s_contentTypes);
                return new FuzzBody($"Content-Type {type ?? "none"}", bytes, type);
            case 10:
                var length = Pick(rng, s_lengths);
                return new FuzzBody($"{length} chars at {Show(text)}", Splice(seed, text, $"\"{new string('x', length)}\""));
            case 11:
                var weird = Pick(rng, s_weirdStrings);
                return new FuzzBody($"\"{weird}\" at {Show(text)}", Splice(seed, text, JsonSerializer.Serialize(weird)));
            case 12:
                var flipped = bytes.ToArray();
                for (var i = rng.Next(1, 4); i > 0 && flipped.Length > 0; i--)
                {
                    flipped[rng.Next(flipped.Length)] = (byte)rng.Next(256);
                }

                return new FuzzBody("bytes flipped", flipped);
            case 13:
                var root = Pick(rng, s_roots);
                return new FuzzBody($"body {root}", Encoding.UTF8.GetBytes(root));
            default:
                var dropped = seed.DeepClone();
                if (any.Count > 0 && Find(dropped, any[..^1]) is JsonObject parent && any[^1] is string name)
                {
                    parent.Remove(name);
                    return new FuzzBody($"{Show(any)} left out", Encoding.UTF8.GetBytes(dropped.ToJsonString(s_writer)));
                }

                return new FuzzBody($"{{}} at {Show(any)}", Splice(seed, any, "{}"));
        }
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    /// <summary>Every position in the document (the root is the empty path); each step is a property name or an index.</summary>
    private static List<List<object>> Positions(JsonNode root)
    {
        var all = new List<List<object>>();
        void Walk(JsonNode? node, List<object> path)
        {
            all.Add(path);
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, child) in o)
                    {
                        Walk(child, [.. path, name]);
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Walk(a[i], [.. path, i]);
                    }

                    break;
            }
        }

        Walk(root, []);
        return all;
    }

    private static JsonNode? Find(JsonNode? node, List<object> path)
    {
        foreach (var step in path)
        {
            node = step is string name ? node?[name] : node?[(int)step];
        }

        return node;
    }

    private static byte[] Splice(JsonNode seed, List<object> path, string raw) => Splice(seed, path, Encoding.UTF8.GetBytes(raw));

    /// <summary>The seed with the value at <paramref name="path"/> replaced by raw bytes, which need not be valid JSON.</summary>
    private static byte[] Splice(JsonNode seed, List<object> path, byte[] raw)
    {
        if (path.Count == 0)
        {
            return raw;
        }

        var copy = seed.DeepClone();
        var parent = Find(copy, path[..^1])!;
        if (path[^1] is string name)
        {
            parent[name] = Marker;
        }
        else
        {
            parent[(int)path[^1]] = Marker;
        }

        var text = Encoding.UTF8.GetBytes(copy.ToJsonString(s_writer));
        var marker = Encoding.UTF8.GetBytes($"\"{Marker}\"");
        var at = text.AsSpan().IndexOf(marker);
        return [.. text[..at], .. raw, .. text[(at + marker.Length)..]];
    }

    private static string Show(List<object> path) =>
        path.Count == 0 ? "$" : "$" + string.Concat(path.Select(s => s is string n ? $".{n}" : $"[{s}]"));
}
