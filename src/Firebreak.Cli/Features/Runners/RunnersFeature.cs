using System.CommandLine;

namespace Firebreak.Cli.Features.Runners;

/// <summary>
/// <c>firebreak runners list|add|remove</c> for admins, and <c>firebreak runner</c>, the worker that runs shell steps
/// on a machine near the systems they act on.
/// </summary>
internal static class RunnersFeature
{
    public static void Add(RootCommand root, CliEnvironment env)
    {
        root.Subcommands.Add(new RunnersCommand(env));
        root.Subcommands.Add(new RunnerWorkerCommand(env));
    }
}
