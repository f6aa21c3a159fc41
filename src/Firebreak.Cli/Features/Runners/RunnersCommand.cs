using System.CommandLine;
using Firebreak.Cli.Commands;
using Firebreak.Cli.Output;
using static Firebreak.Cli.Output.OutputFormatter;

namespace Firebreak.Cli.Features.Runners;

/// <summary><c>firebreak runners …</c>: register, list and remove the runners that take shell steps (admins).</summary>
internal sealed class RunnersCommand : Command
{
    public RunnersCommand(CliEnvironment env)
        : base("runners", "Runners that run runbooks' shell steps: register one (its token is printed once), list them, remove one. Admins only.")
    {
        var context = new CommandContext(env, new ConnectionOptions().AddTo(this));
        Subcommands.Add(List(context));
        Subcommands.Add(Add(context));
        Subcommands.Add(Remove(context));
    }

    private static Command List(CommandContext context)
    {
        var command = new Command("list", "Every runner with its labels and whether it is asking for work now.");
        command.Aliases.Add("ls");
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse, api => api.GetAsync("api/v1/runners", ct),
            (output, r) => output.Rows(r.Read<List<RunnerModel>>(),
                "No runners: register one with 'firebreak runners add NAME --label env=prod', then start 'firebreak runner' on that machine.",
                ["NAME", "LABELS", "CONNECTED", "LAST SEEN", "TOKEN"],
                x => [Plain(x.Name), Plain(Labels(x.Labels)), Plain(x.Connected ? "yes" : "no"), Plain(x.LastSeenAt is { } at ? Time(at) : "never"), Plain(x.Prefix + "_…")]), ct));
        return command;
    }

    private static Command Add(CommandContext context)
    {
        var command = new Command("add", "Register a runner; prints its token once, to give to 'firebreak runner --token' on that machine.");
        var name = new Argument<string>("name") { Description = "The runner's name, e.g. prod-eu-1." };
        var label = new Option<string[]>("--label") { Description = "A label steps can ask for, as key=value; repeat for more (--label env=prod --label region=eu).", AllowMultipleArgumentsPerToken = false };
        command.Arguments.Add(name);
        command.Options.Add(label);
        command.Validators.Add(result =>
        {
            foreach (var pair in result.GetValue(label) ?? [])
            {
                if (pair.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"'{pair}' is not a label: write key=value, e.g. --label env=prod.");
                }
            }
        });
        command.SetCliAction(context.Env, (parse, ct) =>
        {
            var labels = (parse.GetValue(label) ?? []).Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
            return context.SendAsync(parse, api => api.PostAsync("api/v1/runners", new { name = parse.GetValue(name)!.Trim(), labels }, ct), (output, r) =>
            {
                var created = r.Read<CreatedRunnerModel>();
                output.Line($"Registered runner {created.Runner.Name} ({Labels(created.Runner.Labels)}).");
                output.Line($"Its token, shown this once: {created.Token}");
                output.Line($"On the runner's machine: FIREBREAK_RUNNER_TOKEN=… firebreak runner --server URL --allow FILE");
            }, ct);
        });
        return command;
    }

    private static Command Remove(CommandContext context)
    {
        var command = new Command("remove", "Remove a runner: its token stops working at once.");
        command.Aliases.Add("rm");
        var name = new Argument<string>("name") { Description = "The runner's name." };
        command.Arguments.Add(name);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.DeleteAsync(CommandContext.ApiPath("runners", parse.GetValue(name)!), ct),
            (output, r) => output.Line($"Removed runner {r.Read<RunnerModel>().Name}; its token no longer works."), ct));
        return command;
    }

    private static string Labels(Dictionary<string, string> labels) =>
        labels.Count == 0 ? "no labels" : string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
