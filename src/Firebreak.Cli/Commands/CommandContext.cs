using System.CommandLine;
using Firebreak.Cli.Api;
using Firebreak.Cli.Output;

namespace Firebreak.Cli.Commands;

/// <summary>What every verb of a command group shares: the environment, the connection options, and the round trip.</summary>
internal class CommandContext(CliEnvironment env, ConnectionOptions options)
{
    public CliEnvironment Env => env;

    public Task<ApiClient> ConnectAsync(ParseResult parse, CancellationToken ct) => Connection.OpenAsync(env, parse, options, ct);

    public bool WantsJson(ParseResult parse) => parse.GetValue(options.Json);

    public OutputFormatter Output() => new(env);

    /// <summary>
    /// Sends one request and prints the server's JSON with <c>--json</c>, else what <paramref name="print"/> makes of
    /// it. Everything a verb needs from the command line is read before this, so a usage error sends nothing.
    /// </summary>
    public async Task<int> SendAsync(
        ParseResult parse, Func<ApiClient, Task<ApiResponse>> send, Action<OutputFormatter, ApiResponse> print, CancellationToken ct)
    {
        using var api = await ConnectAsync(parse, ct);
        var response = await send(api);
        var output = Output();
        if (WantsJson(parse))
        {
            output.Json(response.Body);
        }
        else
        {
            print(output, response);
        }

        return ExitCodes.Ok;
    }

    /// <summary>An API path with each segment escaped, so an id or key typed by a person cannot add path segments.</summary>
    public static string ApiPath(string collection, string id, string? action = null) =>
        $"api/v1/{collection}/{Uri.EscapeDataString(id.Trim())}{(action is null ? "" : "/" + action)}";
}
