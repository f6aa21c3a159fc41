using System.Text.Json;
using System.Text.Json.Serialization;

namespace Firebreak.Server.Http;

/// <summary>
/// Reads a JSON request body with errors a person can act on: which field, what was wrong, where. The framework's
/// own binder answers a bare 400 for the same inputs.
/// </summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        RespectNullableAnnotations = true,
        AllowTrailingCommas = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (request.ContentType is { } ct0 && !ct0.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem($"Content-Type must be application/json, not '{ct0}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));
        }

        var read = await JsonRequestBody.ReadAsync(request, ct);
        if (read.TooLargeLimit is { } limit)
        {
            return (null, TypedResults.Problem($"The request body is larger than the {limit / 1024} KB limit.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large"));
        }

        if (read.Flaw is { } flaw)
        {
            return (null, flaw.Field is null
                ? Problems.BadRequest(read.Json.IsEmpty ? "The request body is empty; send a JSON object." : flaw.Describe(), "Malformed JSON")
                : Problems.Validation(new Dictionary<string, string[]> { [flaw.Field] = [flaw.Describe()] }));
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(read.Json.Span, Options);
        }
        catch (JsonException ex)
        {
            var field = FieldName(ex.Path);
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
            if (field is null)
            {
                return (null, Problems.BadRequest($"The request body is not valid JSON{where}: {FirstSentence(ex.Message)}", "Malformed JSON"));
            }

            return (null, Problems.Validation(new Dictionary<string, string[]>
            {
                [field] = [$"'{field}' has the wrong type or format{where}."],
            }));
        }

        if (value is null)
        {
            return (null, Problems.BadRequest("The request body is null; send a JSON object."));
        }

        var nulls = NullableContract.Violations(value, Options);
        return nulls.Count == 0 ? (value, null) : (null, Problems.Validation(nulls));
    }

    private static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
