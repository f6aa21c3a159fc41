using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Intake;

/// <summary><c>firebreak integration rules …</c>: an integration's ordered routing rules, first match wins.</summary>
internal sealed class RulesCommand : Command
{
    public RulesCommand(CollectionContext context)
        : base("rules", "Show, replace and try out an integration's routing rules.")
    {
        Subcommands.Add(new RulesGetCommand(context));
        Subcommands.Add(new RulesSetCommand(context));
        Subcommands.Add(new RulesDryRunCommand(context));
    }
}
