using System.CommandLine;

namespace Firebreak.Cli.Features.Runbooks;

/// <summary><c>firebreak runbook list|show|run|approve|finish|status</c>: runbooks and their runs from an incident.</summary>
internal static class RunbooksFeature
{
    public static void Add(RootCommand root, CliEnvironment env) => root.Subcommands.Add(new RunbookCommand(env));
}
