namespace Firebreak.Cli;

/// <summary>
/// Everything a client command touches outside itself. Tests pass their own writers, variables, config folder and
/// handler so commands run in-process against a real server; <see cref="FromProcess"/> is the real console.
/// </summary>
public sealed record CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>Where config.json lives; null means <c>$XDG_CONFIG_HOME/firebreak</c>, else <c>~/.config/firebreak</c>.</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>Sends the HTTP requests; null means a new socket handler per command. Not disposed by commands.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The CLI's clock: what "now" on the command line means, and waiting between polls such as <c>contact test</c>'s.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Whether stdout is a terminal. Only then do tables get borders and colour; pipes get plain columns.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Whether a person can answer a prompt: stdin is a terminal.</summary>
    public bool CanPrompt { get; init; }

    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        GetVariable = Environment.GetEnvironmentVariable,
        OutputIsTerminal = !Console.IsOutputRedirected,
        CanPrompt = !Console.IsInputRedirected,
    };

    internal string ResolveConfigDirectory()
    {
        if (!string.IsNullOrEmpty(ConfigDirectory))
        {
            return ConfigDirectory;
        }

        // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        var xdg = GetVariable("XDG_CONFIG_HOME");
        var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(root, "firebreak");
    }
}
