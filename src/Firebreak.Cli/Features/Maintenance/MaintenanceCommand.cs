using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Maintenance;

/// <summary><c>firebreak maintenance …</c>: times when a service's alerts are recorded but page nobody.</summary>
internal sealed class MaintenanceCommand : Command
{
    public MaintenanceCommand(CliEnvironment env)
        : base("maintenance", "List, add and remove a service's maintenance windows: alerts are kept but open no incident.")
    {
        var context = new MaintenanceContext(env, new ConnectionOptions().AddTo(this));
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new AddCommand(context));
        Subcommands.Add(new RemoveCommand(context));
    }
}
