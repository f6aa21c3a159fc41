using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

/// <summary><c>firebreak alert …</c>: what the integrations received, and fixing how it was grouped.</summary>
internal sealed class AlertCommand : Command
{
    public AlertCommand(CliEnvironment env)
        : base("alert", "List and inspect received alerts, and move one to another incident.")
    {
        var context = new CollectionContext(env, new ConnectionOptions().AddTo(this), "alerts", "alert");
        Subcommands.Add(new AlertListCommand(context));
        Subcommands.Add(new AlertShowCommand(context));
        Subcommands.Add(new AlertMoveCommand(context));
    }
}
