using System.CommandLine;

namespace Firebreak.Cli.Features.Notifications;

/// <summary><c>firebreak contact …</c>: your contact methods and notification rules.</summary>
internal static class NotificationsFeature
{
    public static void Add(RootCommand root, CliEnvironment env) => root.Subcommands.Add(new ContactCommand(env));
}
