using System.CommandLine;
using Firebreak.Server.Storage;

namespace Firebreak.Server.Hosting;

/// <summary><c>firebreak migrate</c>: the database schema up to date, then exit; for deployments that migrate before starting.</summary>
internal sealed class MigrateCommand : Command
{
    private readonly DataDirOption _dataDir = new();

    public MigrateCommand()
        : base("migrate", "Bring the database schema up to date and exit.")
    {
        Options.Add(_dataDir);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var app = FirebreakServer.Build(new ServerOptions { DataDir = parse.GetValue(_dataDir)! });
        await StorageSetup.MigrateAsync(app.Services, ct);
        await Console.Out.WriteLineAsync("Database is up to date.");
        return 0;
    }
}
