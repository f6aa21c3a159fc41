using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Runners;

/// <summary>
/// <c>firebreak runner --server URL --token T [--allow FILE]</c>: runs shell steps for the server, on this machine.
/// It only ever calls out (a long poll), so the server needs no way into this machine's network.
/// </summary>
internal sealed class RunnerWorkerCommand : Command
{
    public const string TokenVariable = "FIREBREAK_RUNNER_TOKEN";

    public RunnerWorkerCommand(CliEnvironment env)
        : base("runner", "Run runbooks' shell steps on this machine: asks the server for work and runs only the commands on its allow-list.")
    {
        var server = new Option<string>("--server") { Description = "The Firebreak server's URL.", Required = true };
        var token = new Option<string?>("--token") { Description = $"The token 'firebreak runners add' printed. Default: {TokenVariable} (better: not visible in the process list)." };
        var allow = new Option<string?>("--allow") { Description = "A file of the commands this runner may run: absolute paths or bare names, one a line, # for comments. Without it, every command is refused." };
        Options.Add(server);
        Options.Add(token);
        Options.Add(allow);
        this.SetCliAction(env, async (parse, ct) =>
        {
            var url = parse.GetValue(server)!.Trim();
            if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new CliException(ExitCodes.Usage, $"'{url}' is not an http or https URL.");
            }

            var secret = parse.GetValue(token) ?? env.GetVariable(TokenVariable);
            if (string.IsNullOrWhiteSpace(secret))
            {
                throw new CliException(ExitCodes.Usage, $"Give the runner's token: --token, or {TokenVariable}.", ["An admin registers a runner with 'firebreak runners add NAME --label key=value', which prints it."]);
            }

            var list = AllowList.Read(parse.GetValue(allow));
            using var connection = new RunnerConnection(env, uri, secret.Trim());
            return await new RunnerWorker(env, connection, list).RunAsync(ct);
        });
    }
}
