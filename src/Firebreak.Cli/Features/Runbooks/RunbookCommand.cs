using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Runbooks;

/// <summary><c>firebreak runbook …</c>: the group, with --url/--token/--json for all its verbs.</summary>
internal sealed class RunbookCommand : Command
{
    private static readonly string[] s_healths = ["validated", "stale", "needs_update", "never_run"];

    public RunbookCommand(CliEnvironment env)
        : base("runbook", "Runbooks: list and read them, run one from an incident step by step, and say whether it worked.")
    {
        var context = new RunbookContext(env, new ConnectionOptions().AddTo(this));
        Subcommands.Add(List(context));
        Subcommands.Add(Show(context));
        Subcommands.Add(new RunbookRunCommand(context));
        Subcommands.Add(Approve(context));
        Subcommands.Add(new RunbookFinishCommand(context));
        Subcommands.Add(Status(context));
    }

    private static Command List(RunbookContext context)
    {
        var command = new Command("list", "Every runbook with its health; with --incident, the runbooks offered for that incident and why.");
        command.Aliases.Add("ls");
        var health = new Option<string?>("--health") { Description = "Only runbooks with this health." }.AcceptOnlyFromAmong(s_healths);
        var incident = RunbookContext.IncidentOption();
        command.Options.Add(health);
        command.Options.Add(incident);
        command.Validators.Add(result =>
        {
            if (result.GetValue(incident) is not null && result.GetValue(health) is not null)
            {
                result.AddError("Give --health or --incident, not both: an incident's runbooks are offered whatever their health.");
            }
        });
        command.SetCliAction(context.Env, (parse, ct) =>
        {
            if (parse.GetValue(incident) is { } reference)
            {
                return context.SendAsync(parse, api => api.GetAsync(CommandContext.ApiPath("incidents", reference, "runbooks"), ct),
                    (output, r) => output.Offered(reference, r.Read<List<RunbookMatchModel>>()), ct);
            }

            var only = parse.GetValue(health);
            return context.SendAsync(parse, api => api.GetAsync("api/v1/runbooks", ct), (output, r) =>
                output.Runbooks([.. r.Read<List<RunbookSummaryModel>>().Where(b => only is null || b.Health == only)], only), ct);
        });
        return command;
    }

    private static Command Show(RunbookContext context)
    {
        var command = new Command("show", "One runbook: its facts, health, steps (and which need approval) and its Markdown text.");
        var key = RunbookContext.KeyArgument();
        command.Arguments.Add(key);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(CommandContext.ApiPath("runbooks", parse.GetValue(key)!), ct),
            (output, r) => output.Runbook(r.Read<RunbookModel>()), ct));
        return command;
    }

    private static Command Approve(RunbookContext context)
    {
        var command = new Command("approve", "Approve a dangerous step that waits (the incident's commander or an admin, not whoever asked); it runs now.");
        var run = RunbookContext.RunOption();
        var step = RunbookContext.StepOption("The step's number.");
        run.Required = true;
        step.Required = true;
        command.Options.Add(run);
        command.Options.Add(step);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.PostAsync(RunbookContext.StepPath(parse.GetValue(run)!.Value, parse.GetValue(step)!.Value, "approve"), null, ct),
            (output, r) => output.StepResult(r.Read<RunModel>(), parse.GetValue(step)!.Value), ct));
        return command;
    }

    private static Command Status(RunbookContext context)
    {
        var command = new Command("status", "An incident's runbook runs, each step with its status, and their verdicts.");
        var incident = RunbookContext.IncidentOption();
        incident.Required = true;
        command.Options.Add(incident);
        command.SetCliAction(context.Env, (parse, ct) => context.SendAsync(parse,
            api => api.GetAsync(RunbookContext.RunsPath(parse.GetValue(incident)!), ct),
            (output, r) => output.Runs(parse.GetValue(incident)!, r.Read<List<RunModel>>()), ct));
        return command;
    }
}
