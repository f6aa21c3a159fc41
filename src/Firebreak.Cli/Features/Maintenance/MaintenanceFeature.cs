using System.CommandLine;

namespace Firebreak.Cli.Features.Maintenance;

/// <summary><c>firebreak maintenance list|add|remove</c>: a service's maintenance windows.</summary>
internal static class MaintenanceFeature
{
    public static void Add(RootCommand root, CliEnvironment env) => root.Subcommands.Add(new MaintenanceCommand(env));
}
