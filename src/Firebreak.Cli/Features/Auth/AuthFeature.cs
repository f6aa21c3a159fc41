using System.CommandLine;

namespace Firebreak.Cli.Features.Auth;

/// <summary><c>firebreak login</c>, <c>logout</c> and <c>user …</c>: signing in, and people for admins.</summary>
internal static class AuthFeature
{
    public static void Add(RootCommand root, CliEnvironment env)
    {
        root.Subcommands.Add(new LoginCommand(env));
        root.Subcommands.Add(new LogoutCommand(env));
        root.Subcommands.Add(new UserCommand(env));
    }
}
