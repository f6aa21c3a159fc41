using System.CommandLine;

namespace Firebreak.Cli.Features.Catalog;

/// <summary><c>firebreak service list|show|create|update</c>: the services incidents and alerts belong to.</summary>
internal static class CatalogFeature
{
    public static void Add(RootCommand root, CliEnvironment env) => root.Subcommands.Add(new ServiceCommand(env));
}
