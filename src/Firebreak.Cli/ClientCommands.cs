using System.CommandLine;

namespace Firebreak.Cli;

/// <summary>The commands that talk to a running server over its API.</summary>
public static class ClientCommands
{
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
    }
}
