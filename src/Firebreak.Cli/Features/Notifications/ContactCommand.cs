using System.CommandLine;
using System.Globalization;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Notifications;

/// <summary><c>firebreak contact list|add|remove|test|rules</c>: how the server reaches you when you are paged.</summary>
internal sealed class ContactCommand : Command
{
    public const string MethodsPath = "api/v1/me/contact-methods";
    public const string RulesPath = "api/v1/me/notification-rules";

    public ContactCommand(CliEnvironment env)
        : base("contact", "Your contact methods (email, webhook, chat) and notification rules.")
    {
        var context = new CommandContext(env, new ConnectionOptions().AddTo(this));
        Subcommands.Add(List(context));
        Subcommands.Add(new ContactAddCommand(context));
        Subcommands.Add(Remove(context));
        Subcommands.Add(new ContactTestCommand(context));
        Subcommands.Add(new ContactRulesCommand(context));
    }

    public static Argument<long> IdArgument() => new("id") { Description = "Contact method id, as 'firebreak contact list' shows it." };

    public static string MethodPath(long id, string? action = null) =>
        $"{MethodsPath}/{id.ToString(CultureInfo.InvariantCulture)}{(action is null ? "" : "/" + action)}";

    private static Command List(CommandContext context)
    {
        var command = new Command("list", "Your contact methods.");
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(MethodsPath, ct), (output, r) => output.ContactMethods(r.Read<List<ContactMethodModel>>()), ct));
        return command;
    }

    private static Command Remove(CommandContext context)
    {
        var command = new Command("remove", "Delete one of your contact methods, and the notification rules using it.");
        command.Aliases.Add("rm");
        var id = IdArgument();
        command.Arguments.Add(id);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.DeleteAsync(MethodPath(parse.GetValue(id)), ct),
            (output, r) =>
            {
                var removed = r.Read<ContactMethodModel>();
                output.Line($"Removed contact method {removed.Id}: {removed.Kind} {removed.Label}.");
            }, ct));
        return command;
    }
}
