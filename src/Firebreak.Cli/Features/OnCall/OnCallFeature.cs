using System.CommandLine;

namespace Firebreak.Cli.Features.OnCall;

/// <summary><c>firebreak oncall now|at|participants|override</c>: who is on call, rotas and cover.</summary>
internal static class OnCallFeature
{
    public static void Add(RootCommand root, CliEnvironment env) => root.Subcommands.Add(new OnCallCommand(env));
}
