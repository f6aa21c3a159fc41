using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Notifications;

/// <summary>
/// <c>firebreak contact rules</c> shows your notification rules ("email at once, chat after 2 min");
/// <c>contact rules set &lt;id&gt;:&lt;minutes&gt;...</c> replaces them all.
/// </summary>
internal sealed class ContactRulesCommand : Command
{
    public ContactRulesCommand(CommandContext context)
        : base("rules", "Show your notification rules: which contact method, how many minutes after a page.")
    {
        this.SetCliAction(context.Env, async (parse, ct) =>
        {
            using var api = await context.ConnectAsync(parse, ct);
            var rules = await api.GetAsync(ContactCommand.RulesPath, ct);
            if (context.WantsJson(parse))
            {
                context.Output().Json(rules.Body);
                return ExitCodes.Ok;
            }

            var methods = (await api.GetAsync(ContactCommand.MethodsPath, ct)).Read<List<ContactMethodModel>>();
            context.Output().NotificationRules(rules.Read<List<NotificationRuleModel>>(), methods);
            return ExitCodes.Ok;
        });
        Subcommands.Add(Set(context));
    }

    private static Command Set(CommandContext context)
    {
        var command = new Command("set", "Replace your notification rules; one must be at 0 minutes.");
        var rules = new Argument<List<NotificationRuleModel>>("rule")
        {
            Description = "<contact method id>:<minutes after the page>, e.g. 3:0 5:2.",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = ParseRules,
        };
        command.Arguments.Add(rules);
        command.SetCliAction(context.Env, async (parse, ct) =>
        {
            using var api = await context.ConnectAsync(parse, ct);
            var saved = await api.PutAsync(ContactCommand.RulesPath, new { rules = parse.GetValue(rules) }, ct);
            if (context.WantsJson(parse))
            {
                context.Output().Json(saved.Body);
                return ExitCodes.Ok;
            }

            var methods = (await api.GetAsync(ContactCommand.MethodsPath, ct)).Read<List<ContactMethodModel>>();
            context.Output().NotificationRules(saved.Read<List<NotificationRuleModel>>(), methods);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<NotificationRuleModel> ParseRules(ArgumentResult result)
    {
        var rules = new List<NotificationRuleModel>();
        foreach (var token in result.Tokens)
        {
            var parts = token.Value.Split(':');
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            {
                result.AddError($"'{token.Value}' is not a rule; write <contact method id>:<minutes>, e.g. 3:0.");
                return [];
            }

            rules.Add(new NotificationRuleModel(id, minutes));
        }

        return rules;
    }
}
