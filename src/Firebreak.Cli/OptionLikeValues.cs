using System.CommandLine;
using System.CommandLine.Parsing;

namespace Firebreak.Cli;

/// <summary>
/// Finds words starting with <c>--</c> that the parser took as a title or an option's value. System.CommandLine lets
/// <c>--service --severity</c> make "--severity" the service and <c>declare --dry-run</c> make it the title, so a
/// mistyped or unknown option would act on real data instead of failing (issue 11 #15).
/// </summary>
internal static class OptionLikeValues
{
    public static List<string> Find(ParseResult parse)
    {
        var problems = new List<string>();
        Visit(parse.RootCommandResult, problems);
        return problems;
    }

    private static void Visit(SymbolResult result, List<string> problems)
    {
        switch (result)
        {
            case OptionResult option:
                foreach (var token in option.Tokens.Where(LooksLikeAnOption))
                {
                    var name = option.IdentifierToken?.Value ?? option.Option.Name;
                    problems.Add($"Missing value for {name}: '{token.Value}' is an option, not a value.");
                }

                // Its values are its argument's too; reported once, above.
                return;
            case ArgumentResult argument:
                foreach (var token in argument.Tokens.Where(LooksLikeAnOption))
                {
                    problems.Add($"Unknown option '{token.Value}' (<{argument.Argument.Name}> cannot start with '--').");
                }

                return;
            case CommandResult command:
                foreach (var child in command.Children)
                {
                    Visit(child, problems);
                }

                return;
        }
    }

    private static bool LooksLikeAnOption(Token token) => token.Value.StartsWith("--", StringComparison.Ordinal);
}
