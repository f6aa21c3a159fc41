using System.CommandLine;
using Firebreak.Cli.Commands;
using Firebreak.Cli.Config;

namespace Firebreak.Cli.Features.Auth;

/// <summary><c>firebreak logout</c>: forgets the saved URL and token.</summary>
internal sealed class LogoutCommand : Command
{
    public LogoutCommand(CliEnvironment env)
        : base("logout", "Remove the saved server URL and API token.")
    {
        this.SetCliAction(env, async (parse, ct) =>
        {
            var store = new ConfigStore(env.ResolveConfigDirectory());
            var message = store.Delete()
                // The token itself stays valid on the server; say so, so nobody believes it is revoked.
                ? $"Logged out: removed {store.Path}. The token still works until revoked under Tokens in the web UI."
                : $"Not logged in ({store.Path} does not exist).";
            await env.Out.WriteLineAsync(message.AsMemory(), ct);
            return ExitCodes.Ok;
        });
    }
}
