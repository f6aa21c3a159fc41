using System.CommandLine;
using Firebreak.Cli;

namespace Firebreak.Server.Tests.Features.Cli;

public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs client commands in-process as the <c>firebreak</c> executable would, with captured output, its own
/// variables (nothing leaks in from the machine running the tests) and its own empty XDG_CONFIG_HOME.
/// </summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness(Uri? url = null, string? token = null)
    {
        Variables["XDG_CONFIG_HOME"] = ConfigHome;
        Variables["FIREBREAK_URL"] = url?.ToString();
        Variables["FIREBREAK_TOKEN"] = token;
    }

    public string ConfigHome { get; } = Directory.CreateTempSubdirectory("firebreak-cli-").FullName;

    public string ConfigFile => Path.Combine(ConfigHome, "firebreak", "config.json");

    public Dictionary<string, string?> Variables { get; } = [];

    /// <summary>Stands in for the network, for answers a real server will not give on demand (5xx, silence).</summary>
    public HttpMessageHandler? Handler { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The CLI's clock, for "now" on the command line and for waiting between polls.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public async Task<CliRun> RunWithInputAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var env = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = input,
            GetVariable = name => Variables.GetValueOrDefault(name),
            Handler = Handler,
            Timeout = Timeout,
            Clock = Clock,
        };
        var root = new RootCommand("firebreak (test)");
        ClientCommands.AddTo(root, env);
        // As Program.cs does: the offline verbs that need server code join the client's groups.
        Server.Features.Runbooks.RunbookLintCommand.AddTo(root, env);
        var exit = await ClientCommands.InvokeAsync(root.Parse(args), env);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(ConfigHome, recursive: true);
}
