using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Catalog;

/// <summary><c>firebreak service list|show|create|update</c>, with --url/--token/--json for all its verbs.</summary>
internal sealed class ServiceCommand : Command
{
    public ServiceCommand(CliEnvironment env)
        : base("service", "Services: list them, show one, create and change them (admin).")
    {
        var context = new CommandContext(env, new ConnectionOptions().AddTo(this));
        Subcommands.Add(List(context));
        Subcommands.Add(Show(context));
        Subcommands.Add(new ServiceCreateCommand(context));
        Subcommands.Add(new ServiceUpdateCommand(context));
    }

    public static Argument<string> KeyArgument() => new("key") { Description = "Service key, e.g. checkout-api." };

    private static Command List(CommandContext context)
    {
        var command = new Command("list", "Every service, with its team, time zone, escalation policy and auto-resolve.");
        command.Aliases.Add("ls");
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync("api/v1/services", ct), (output, r) => output.Services(r.Read<List<ServiceModel>>()), ct));
        return command;
    }

    private static Command Show(CommandContext context)
    {
        var command = new Command("show", "One service with every field.");
        var key = KeyArgument();
        command.Arguments.Add(key);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(CommandContext.ApiPath("services", parse.GetValue(key)!), ct),
            (output, r) => output.Service(r.Read<ServiceModel>()), ct));
        return command;
    }
}
