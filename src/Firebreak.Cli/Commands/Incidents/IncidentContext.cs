using System.CommandLine;
using Firebreak.Cli.Api;
using Firebreak.Cli.Output;

namespace Firebreak.Cli.Commands.Incidents;

/// <summary>What every incident verb shares: the environment, the connection options, and the change round trip.</summary>
internal sealed class IncidentContext(CliEnvironment env, ConnectionOptions options)
{
    public CliEnvironment Env => env;

    public Task<ApiClient> ConnectAsync(ParseResult parse, CancellationToken ct) => Connection.OpenAsync(env, parse, options, ct);

    public bool WantsJson(ParseResult parse) => parse.GetValue(options.Json);

    public OutputFormatter Output() => new(env);

    public static Argument<string> ReferenceArgument() => new("ref") { Description = "Incident number (42) or slug." };

    public static string PathOf(string reference, string? action = null) =>
        $"api/v1/incidents/{Uri.EscapeDataString(reference.Trim())}{(action is null ? "" : "/" + action)}";

    /// <summary>POSTs one change to an incident and prints the server's JSON or a one-line summary.</summary>
    public async Task<int> ChangeAsync(
        ParseResult parse, string reference, string action, object? body, Func<IncidentDetailModel, string> describe, CancellationToken ct)
    {
        using var api = await ConnectAsync(parse, ct);
        var response = await api.PostAsync(PathOf(reference, action), body, ct);
        var output = Output();
        if (WantsJson(parse))
        {
            output.Json(response.Body);
        }
        else
        {
            output.Line(describe(response.Read<IncidentDetailModel>()));
        }

        return ExitCodes.Ok;
    }
}
