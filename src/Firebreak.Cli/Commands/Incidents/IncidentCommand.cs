using System.CommandLine;

namespace Firebreak.Cli.Commands.Incidents;

/// <summary><c>firebreak incident …</c>: the group, with --url/--token/--json for all its verbs.</summary>
internal sealed class IncidentCommand : Command
{
    public IncidentCommand(CliEnvironment env)
        : base("incident", "Declare, list, show and work incidents on a Firebreak server.")
    {
        var context = new IncidentContext(env, new ConnectionOptions().AddTo(this));
        Subcommands.Add(new DeclareCommand(context));
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new ShowCommand(context));
        Subcommands.Add(new AckCommand(context));
        Subcommands.Add(new StatusCommand(context));
        Subcommands.Add(new SeverityCommand(context));
        Subcommands.Add(new AssignCommand(context));
        Subcommands.Add(new NoteCommand(context));
        Subcommands.Add(new ResolveCommand(context));
        Subcommands.Add(new MergeCommand(context));
        Subcommands.Add(EscalationCommands.Escalation(context));
        Subcommands.Add(EscalationCommands.Escalate(context));
        Subcommands.Add(EscalationCommands.Reassign(context));
    }
}
