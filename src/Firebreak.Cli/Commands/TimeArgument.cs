using System.CommandLine.Parsing;
using System.Globalization;

namespace Firebreak.Cli.Commands;

/// <summary>Instants typed on the command line: ISO 8601 with Z or an offset, or "now" by the CLI's clock.</summary>
internal static class TimeArgument
{
    /// <summary>The parser for an option or argument holding an instant; tests pass a fake clock through <see cref="CliEnvironment.Clock"/>.</summary>
    public static Func<ArgumentResult, DateTimeOffset?> Parser(TimeProvider clock) => result => Parse(result, clock);

    private static DateTimeOffset? Parse(ArgumentResult result, TimeProvider clock)
    {
        var text = result.Tokens.Single().Value.Trim();
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            return clock.GetUtcNow();
        }

        // A time without Z or an offset means a different instant on every machine; ask rather than guess.
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            || parsed.Kind == DateTimeKind.Unspecified
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            result.AddError($"'{text}' is not a time with a zone; write e.g. 2026-01-20T02:00Z or 2026-01-20T03:00+01:00, or 'now'.");
            return null;
        }

        return time;
    }
}
