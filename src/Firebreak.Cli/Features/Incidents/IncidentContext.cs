using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

/// <summary>What incident verbs add to the shared context: the reference argument and the change round trip.</summary>
internal sealed class IncidentContext(CliEnvironment env, ConnectionOptions options) : CommandContext(env, options)
{
    public static Argument<string> ReferenceArgument() => new("ref") { Description = "Incident number (42) or slug." };

    public static string PathOf(string reference, string? action = null) => ApiPath("incidents", reference, action);

    /// <summary>POSTs one change to an incident and prints the server's JSON or a one-line summary.</summary>
    public Task<int> ChangeAsync(
        ParseResult parse, string reference, string action, object? body, Func<IncidentDetailModel, string> describe, CancellationToken ct) =>
        ChangeAsync<IncidentDetailModel>(parse, reference, action, body, describe, ct);

    /// <summary>The same for a change whose answer is not the incident itself, such as a merge's target.</summary>
    public Task<int> ChangeAsync<T>(ParseResult parse, string reference, string action, object? body, Func<T, string> describe, CancellationToken ct) =>
        SendAsync(parse, api => api.PostAsync(PathOf(reference, action), body, ct), (output, response) => output.Line(describe(response.Read<T>())), ct);
}
