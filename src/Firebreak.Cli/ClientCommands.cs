using System.CommandLine;
using System.CommandLine.Invocation;
using Firebreak.Cli.Features.ActionItems;
using Firebreak.Cli.Features.Auth;
using Firebreak.Cli.Features.Catalog;
using Firebreak.Cli.Features.Escalation;
using Firebreak.Cli.Features.Incidents;
using Firebreak.Cli.Features.Intake;
using Firebreak.Cli.Features.Maintenance;
using Firebreak.Cli.Features.Notifications;
using Firebreak.Cli.Features.OnCall;
using Firebreak.Cli.Features.Runbooks;
using Firebreak.Cli.Features.Runners;

namespace Firebreak.Cli;

/// <summary>The commands that talk to a running server over its API.</summary>
public static class ClientCommands
{
    /// <summary>Adds <c>login</c>, <c>logout</c>, <c>incident …</c>, <c>integration …</c>, <c>alert …</c>, <c>maintenance …</c>, <c>oncall …</c>, <c>service …</c>, <c>policy …</c>, <c>contact …</c>, <c>runbook …</c>, <c>runners …</c>, <c>runner</c>, <c>action …</c> and <c>user …</c>; <paramref name="env"/> defaults to the real console.</summary>
    public static void AddTo(RootCommand root, CliEnvironment? env = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        env ??= CliEnvironment.FromProcess();
        // Lowest first: a feature that adds verbs to another's group (escalation to incident) comes after it.
        AuthFeature.Add(root, env);
        CatalogFeature.Add(root, env);
        IncidentsFeature.Add(root, env);
        IntakeFeature.Add(root, env);
        MaintenanceFeature.Add(root, env);
        OnCallFeature.Add(root, env);
        EscalationFeature.Add(root, env);
        NotificationsFeature.Add(root, env);
        RunbooksFeature.Add(root, env);
        RunnersFeature.Add(root, env);
        ActionItemsFeature.Add(root, env);
    }

    /// <summary>
    /// Invokes a parsed command line. Differs from <see cref="ParseResult.InvokeAsync"/> in one way: a usage error
    /// (including a word starting with <c>--</c> taken as a value, see <see cref="OptionLikeValues"/>) exits 2, not 1, so scripts can tell "you typed it wrong" from "the server said no".
    /// </summary>
    public static async Task<int> InvokeAsync(ParseResult parse, CliEnvironment? env = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(parse);
        env ??= CliEnvironment.FromProcess();
        var configuration = new InvocationConfiguration { Output = env.Out, Error = env.Error };
        var optionLike = OptionLikeValues.Find(parse);
        if (optionLike.Count > 0)
        {
            // The parser's own errors follow from the misplaced word (a value left over, a required option "missing"); the cause is what helps.
            foreach (var problem in optionLike)
            {
                await env.Error.WriteLineAsync(problem.AsMemory(), ct);
            }

            await env.Error.WriteLineAsync(UsageHint(parse).AsMemory(), ct);
            return ExitCodes.Usage;
        }

        if (parse.Errors.Count == 0 || parse.Action is not ParseErrorAction errors)
        {
            return await parse.InvokeAsync(configuration, ct);
        }

        // The full help after every typo buries the one line that matters; point at it instead.
        errors.ShowHelp = false;
        await parse.InvokeAsync(configuration, ct);
        await env.Error.WriteLineAsync(UsageHint(parse).AsMemory(), ct);
        return ExitCodes.Usage;
    }

    private static string UsageHint(ParseResult parse) => $"Run '{string.Join(' ', CommandPath(parse.CommandResult.Command))} --help' for usage.";

    private static List<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            // The root's name is the executable's file name, which is "testhost" under a test runner.
            names.Add(c is RootCommand ? "firebreak" : c.Name);
        }

        names.Reverse();
        return names;
    }
}
