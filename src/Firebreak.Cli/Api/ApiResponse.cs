using System.Text.Json;

namespace Firebreak.Cli.Api;

/// <summary>A successful answer, kept as text so <c>--json</c> can print exactly what the server said.</summary>
internal sealed record ApiResponse(string Body)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public T Read<T>() =>
        JsonSerializer.Deserialize<T>(Body, s_json)
        ?? throw new CliException(ExitCodes.Unavailable, "The server answered with an empty body where data was expected.");
}
