using System.CommandLine;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Runbooks;

/// <summary>
/// <c>firebreak runbook run --incident N KEY</c> starts a run; with <c>--step K [--note TEXT]</c> it runs one step of
/// the run given by <c>--run ID</c>, or of the incident's newest unfinished run of KEY.
/// </summary>
internal sealed class RunbookRunCommand : Command
{
    public RunbookRunCommand(RunbookContext context)
        : base("run", "Start a runbook on an incident and print its steps; with --step, run one step and print its result.")
    {
        var key = RunbookContext.KeyArgument();
        var incident = RunbookContext.IncidentOption();
        var step = RunbookContext.StepOption("Run this step (its number) instead of starting a run.");
        var run = RunbookContext.RunOption();
        run.Description += " Default with --step: the incident's newest unfinished run of KEY.";
        var note = new Option<string?>("--note") { Description = "What you saw or did, on the timeline with the step; for manual steps." };
        Arguments.Add(key);
        Options.Add(incident);
        Options.Add(step);
        Options.Add(run);
        Options.Add(note);
        Validators.Add(result =>
        {
            var hasStep = result.GetValue(step) is not null;
            if (!hasStep && (result.GetValue(run) is not null || result.GetValue(note) is not null))
            {
                result.AddError("--run and --note go with --step: without --step, 'run' starts a new run.");
            }

            if (result.GetValue(incident) is null && result.GetValue(run) is null)
            {
                result.AddError(hasStep
                    ? "Say which run: --run ID, or --incident N to use its newest unfinished run of the runbook."
                    : "Say which incident to run the runbook on: --incident N.");
            }
        });
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            var runbook = parse.GetValue(key)!;
            if (parse.GetValue(step) is not { } number)
            {
                return context.SendAsync(parse,
                    api => api.PostAsync(RunbookContext.RunsPath(parse.GetValue(incident)!), new { runbook = runbook.Trim() }, ct),
                    (output, r) => output.Started(r.Read<RunModel>()), ct);
            }

            var text = parse.GetValue(note);
            return context.SendAsync(parse, async api =>
            {
                var id = parse.GetValue(run) ?? await RunbookContext.OpenRunAsync(api, parse.GetValue(incident)!, runbook, ct);
                return await api.PostAsync(RunbookContext.StepPath(id, number), text is null ? null : new { note = text }, ct);
            }, (output, r) => output.StepResult(r.Read<RunModel>(), number), ct);
        });
    }
}
