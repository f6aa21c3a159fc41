using System.CommandLine;

namespace Firebreak.Server.Features.Config;

internal sealed partial class ConfigCommand
{
    /// <summary><c>config validate</c>: reads the files only, no database, so a pipeline can run it on every change.</summary>
    private sealed class ValidateCommand : Command
    {
        private readonly Argument<string> _dir = DirArgument();
        private readonly TimeProvider _clock;

        public ValidateCommand(TimeProvider clock)
            : base("validate", "Check config files and report errors with file and line.")
        {
            _clock = clock;
            Arguments.Add(_dir);
            SetAction(RunAsync);
        }

        private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var reader = FirebreakServer.OfflineConfigReader();
            var (set, errors) = reader.Read(parse.GetValue(_dir)!);
            // Warnings (such as a schedule with nobody on call for a weekend) are worth fixing but do not fail a pipeline.
            var warnings = errors.Count == 0 ? reader.Warnings(set, _clock.GetUtcNow()) : [];
            foreach (var e in errors.Concat(warnings))
            {
                await Console.Error.WriteLineAsync(e);
            }

            await Console.Out.WriteLineAsync(errors.Count > 0 ? $"{errors.Count} error(s)."
                : warnings.Count > 0 ? $"Config is valid, with {warnings.Count} warning(s)." : "Config is valid.");
            return errors.Count == 0 ? 0 : 1;
        }
    }
}
