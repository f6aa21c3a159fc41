using System.CommandLine;

namespace Firebreak.Cli.Features.ActionItems;

/// <summary><c>firebreak action list|add|done|show</c>: follow-ups with owners and due dates.</summary>
internal static class ActionItemsFeature
{
    public static void Add(RootCommand root, CliEnvironment env) => root.Subcommands.Add(new ActionCommand(env));
}
