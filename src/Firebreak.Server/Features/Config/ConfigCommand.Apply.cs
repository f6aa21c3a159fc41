using System.CommandLine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Hosting;

namespace Firebreak.Server.Features.Config;

internal sealed partial class ConfigCommand
{
    /// <summary><c>config apply</c>: migrates and prepares the database as serve would, then applies in one transaction.</summary>
    private sealed class ApplyCommand : Command
    {
        private readonly Argument<string> _dir = DirArgument();
        private readonly DataDirOption _dataDir = new();

        public ApplyCommand()
            : base("apply", "Apply config files to the database (idempotent).")
        {
            Arguments.Add(_dir);
            Options.Add(_dataDir);
            SetAction(RunAsync);
        }

        private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var app = FirebreakServer.Build(new ServerOptions { DataDir = parse.GetValue(_dataDir)! });
            await FirebreakServer.PrepareAsync(app, Console.Out, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, parse.GetValue(_dir)!, demo: false, ct);
            foreach (var e in result.Errors)
            {
                await Console.Error.WriteLineAsync(e);
            }

            foreach (var line in result.Changes.Select(c => $"{c.Kind.ToString().ToLowerInvariant()} {c.Resource}").Concat(result.Notices))
            {
                await Console.Out.WriteLineAsync(line);
            }

            await Console.Out.WriteLineAsync(result.Errors.Count == 0 ? $"Applied: {result.Summary}." : $"{result.Errors.Count} error(s); nothing applied.");
            return result.Errors.Count == 0 ? 0 : 1;
        }
    }
}
