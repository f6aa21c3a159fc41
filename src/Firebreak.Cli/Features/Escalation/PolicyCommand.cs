using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Escalation;

/// <summary><c>firebreak policy list|show|assign</c>: escalation policies, and which services page through them.</summary>
internal sealed class PolicyCommand : Command
{
    public PolicyCommand(CliEnvironment env)
        : base("policy", "Escalation policies: list them, show one, point a service at one.")
    {
        var context = new CommandContext(env, new ConnectionOptions().AddTo(this));
        Subcommands.Add(List(context));
        Subcommands.Add(Show(context));
        Subcommands.Add(new PolicyAssignCommand(context));
    }

    private static Command List(CommandContext context)
    {
        var command = new Command("list", "Every escalation policy, with its steps and the services using it.");
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync("api/v1/escalation-policies", ct), (output, r) => output.Policies(r.Read<List<PolicyModel>>()), ct));
        return command;
    }

    private static Command Show(CommandContext context)
    {
        var command = new Command("show", "One policy: its steps with targets and delays, its rules, and the services using it.");
        var key = new Argument<string>("key") { Description = "Policy key, e.g. payments." };
        command.Arguments.Add(key);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(CommandContext.ApiPath("escalation-policies", parse.GetValue(key)!), ct),
            (output, r) => output.Policy(r.Read<PolicyModel>()), ct));
        return command;
    }
}
