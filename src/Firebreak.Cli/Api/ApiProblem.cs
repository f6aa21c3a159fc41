using System.Net;
using System.Text.Json;

namespace Firebreak.Cli.Api;

/// <summary>The parts of an RFC 7807 problem document a person needs: what went wrong and which fields.</summary>
internal sealed record ApiProblem(int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a problem body; anything else (a proxy's HTML page, an empty body) becomes a bare status.</summary>
    public static ApiProblem Parse(HttpStatusCode status, string? reason, string body)
    {
        try
        {
            var doc = JsonSerializer.Deserialize<Document>(body, s_json);
            if (doc is not null && (doc.Title is not null || doc.Detail is not null || doc.Errors is not null))
            {
                return new ApiProblem((int)status, doc.Title, doc.Detail, doc.Errors ?? new Dictionary<string, string[]>());
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the status line alone.
        }

        return new ApiProblem((int)status, reason, null, new Dictionary<string, string[]>());
    }

    /// <summary>
    /// One headline and one line per field error. For a single-field error the server repeats the field message as
    /// the detail; printing it twice would look like two problems.
    /// </summary>
    public (string Headline, IReadOnlyList<string> Lines) Describe()
    {
        var lines = Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToList();
        var repeated = Detail is not null && Errors.Values.Any(v => v.Contains(Detail, StringComparer.Ordinal));
        var headline = (repeated ? null : Detail) ?? Title ?? $"HTTP {Status}";
        return (headline, lines);
    }

    private sealed record Document(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
