using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Firebreak.Server.Tests.Features.StatusPage;

/// <summary>
/// Compares a document with an example of Statuspage's public API kept beside the tests (<c>Statuspage/&lt;name&gt;.json</c>,
/// written from its documentation): the same field names at every level, with the same JSON types (a null on either
/// side stands for a field that is sometimes empty).
/// </summary>
internal static class StatuspageShape
{
    public static void Matches(string example, JsonElement actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "Statuspage", $"{example}.json");
        using var expected = JsonDocument.Parse(File.ReadAllText(path));
        Compare(expected.RootElement, actual, example);
    }

    private static void Compare(JsonElement expected, JsonElement actual, string at)
    {
        if (expected.ValueKind == JsonValueKind.Null || actual.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        Assert.True(Kind(expected) == Kind(actual), $"{at}: Statuspage has {expected.ValueKind}, this has {actual.ValueKind}");
        if (expected.ValueKind == JsonValueKind.Object)
        {
            var want = expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            var have = actual.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            Assert.True(want.SequenceEqual(have), $"{at}: fields differ; Statuspage [{string.Join(", ", want)}], this [{string.Join(", ", have)}]");
            foreach (var p in expected.EnumerateObject())
            {
                Compare(p.Value, actual.GetProperty(p.Name), $"{at}.{p.Name}");
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0)
        {
            foreach (var item in actual.EnumerateArray())
            {
                Compare(expected[0], item, $"{at}[]");
            }
        }
        else if (expected.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(expected.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            Assert.True(DateTimeOffset.TryParse(actual.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _), $"{at}: '{actual.GetString()}' is not an ISO timestamp");
        }
    }

    private static JsonValueKind Kind(JsonElement e) => e.ValueKind is JsonValueKind.True ? JsonValueKind.False : e.ValueKind;
}
