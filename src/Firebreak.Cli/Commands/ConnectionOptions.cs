using System.CommandLine;

namespace Firebreak.Cli.Commands;

/// <summary>The options every command that talks to a server accepts, on the group and all its verbs.</summary>
internal sealed class ConnectionOptions
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = "Server URL. Default: FIREBREAK_URL, then the saved login.",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "API token. Default: FIREBREAK_TOKEN, then the saved login.",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's JSON instead of tables, for scripts.",
        Recursive = true,
    };

    /// <summary>Adds the options to a command group (they recur into its verbs) and returns them for its context.</summary>
    public ConnectionOptions AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Token);
        command.Options.Add(Json);
        return this;
    }
}
