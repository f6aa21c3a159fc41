using System.CommandLine;
using Firebreak.Server.Hosting;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Config;

internal sealed partial class ConfigCommand
{
    /// <summary><c>config plan</c>: what apply would change, read from the database and written nowhere.</summary>
    private sealed class PlanCommand : Command
    {
        private readonly Argument<string> _dir = DirArgument();
        private readonly DataDirOption _dataDir = new();

        public PlanCommand()
            : base("plan", "Show what apply would change (create, update field: old → new, unchanged) without writing.")
        {
            Arguments.Add(_dir);
            Options.Add(_dataDir);
            SetAction(RunAsync);
        }

        private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var app = FirebreakServer.Build(new ServerOptions { DataDir = parse.GetValue(_dataDir)! });
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
            // A plan writes nothing, not even the schema: an old or empty database is for 'migrate' (or apply) to bring up to date.
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                await Console.Error.WriteLineAsync("The database is not up to date; run 'firebreak migrate' first, then plan.");
                return 1;
            }

            var result = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().PlanAsync(parse.GetValue(_dir)!, ct);
            foreach (var e in result.Errors.Concat(result.Warnings ?? []))
            {
                await Console.Error.WriteLineAsync(e);
            }

            await Console.Out.WriteAsync(result.Errors.Count == 0 ? result.Render() : $"{result.Errors.Count} error(s); no plan.{Environment.NewLine}");
            return result.Errors.Count == 0 ? 0 : 1;
        }
    }
}
