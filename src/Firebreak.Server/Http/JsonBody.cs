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

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, ct);
            return value is null
                ? (null, Problems.BadRequest("The request body is empty or null; send a JSON object."))
                : (value, null);
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
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TypedResults.Problem(
                $"The request body is larger than the {request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize / 1024} KB limit.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large"));
        }
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
