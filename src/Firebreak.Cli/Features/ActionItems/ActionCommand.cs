using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.ActionItems;

/// <summary><c>firebreak action …</c>: what was promised after an incident, by whom and by when.</summary>
internal sealed class ActionCommand : Command
{
    public ActionCommand(CliEnvironment env)
        : base("action", "List, add, close and show action items: follow-ups from incidents with an owner and a due date.")
    {
        var context = new ActionContext(env, new ConnectionOptions().AddTo(this));
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new AddCommand(context));
        Subcommands.Add(new DoneCommand(context));
        Subcommands.Add(new ShowCommand(context));
    }
}
