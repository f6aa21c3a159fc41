using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Incidents;

/// <summary><c>firebreak incident …</c>: the group, with --url/--token/--json for all its verbs.</summary>
internal sealed class IncidentCommand : Command
{
    private readonly IncidentContext _context;

    public IncidentCommand(CliEnvironment env)
        : base("incident", "Declare, list, show and work incidents on a Firebreak server.")
    {
        _context = new IncidentContext(env, new ConnectionOptions().AddTo(this));
        Subcommands.Add(new DeclareCommand(_context));
        Subcommands.Add(new ListCommand(_context));
        Subcommands.Add(new ShowCommand(_context));
        Subcommands.Add(new AckCommand(_context));
        Subcommands.Add(new StatusCommand(_context));
        Subcommands.Add(new SeverityCommand(_context));
        Subcommands.Add(new AssignCommand(_context));
        Subcommands.Add(new NoteCommand(_context));
        Subcommands.Add(new ResolveCommand(_context));
        Subcommands.Add(new MergeCommand(_context));
        Subcommands.Add(new ImpactStartCommand(_context));
    }

    /// <summary>Adds a verb another feature owns, such as escalation's <c>escalate</c>; it shares this group's options.</summary>
    public void AddVerb(Func<IncidentContext, Command> verb) => Subcommands.Add(verb(_context));
}
