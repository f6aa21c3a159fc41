using System.CommandLine;

namespace Firebreak.Cli.Features.Intake;

/// <summary><c>firebreak integration …</c> (where alerts come in, and their routing) and <c>alert …</c> (what came in).</summary>
internal static class IntakeFeature
{
    public static void Add(RootCommand root, CliEnvironment env)
    {
        root.Subcommands.Add(new IntegrationCommand(env));
        root.Subcommands.Add(new AlertCommand(env));
    }
}
