using System.CommandLine;

namespace Firebreak.Server.Hosting;

/// <summary><c>firebreak serve</c>: the API, web UI and background engines until Ctrl+C.</summary>
internal sealed class ServeCommand : Command
{
    private readonly Option<string> _urls = new("--urls")
    {
        Description = "Where to listen.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FIREBREAK_URLS") ?? "http://127.0.0.1:8080",
    };

    private readonly DataDirOption _dataDir = new();
    private readonly Option<bool> _demo = new("--demo") { Description = "Load demo data from examples/ on start." };
    private readonly Option<string?> _examples = new("--examples") { Description = "Folder of demo config (default: the repository's examples/)." };

    public ServeCommand()
        : base("serve", "Run the server: API, web UI and background engines.")
    {
        Options.Add(_urls);
        Options.Add(_dataDir);
        Options.Add(_demo);
        Options.Add(_examples);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var options = new ServerOptions
        {
            Urls = parse.GetValue(_urls)!,
            DataDir = parse.GetValue(_dataDir)!,
            Demo = parse.GetValue(_demo),
            ExamplesDir = parse.GetValue(_examples),
        };
        var app = FirebreakServer.Build(options);
        await FirebreakServer.PrepareAsync(app, Console.Out, ct);
        await app.StartAsync(ct);
        foreach (var address in app.Urls)
        {
            await Console.Out.WriteLineAsync($"Firebreak is running at {address}  (Ctrl+C to stop)");
        }

        await app.WaitForShutdownAsync(ct);
        return 0;
    }
}
