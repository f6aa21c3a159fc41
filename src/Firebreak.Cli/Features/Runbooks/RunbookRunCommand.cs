using System.CommandLine;
using Firebreak.Cli.Api;
using Firebreak.Cli.Commands;

namespace Firebreak.Cli.Features.Runbooks;

/// <summary>
/// <c>firebreak runbook run --incident N KEY</c> starts a run; with <c>--step K [--note TEXT]</c> it runs one step, and
/// with <c>--all</c> every remaining automated step in order, of the run given by <c>--run ID</c> (no KEY needed), or
/// of the incident's newest unfinished run of KEY.
/// </summary>
internal sealed class RunbookRunCommand : Command
{
    public RunbookRunCommand(RunbookContext context)
        : base("run", "Start a runbook on an incident and print its steps; with --step, run one step; with --all, run the remaining automated steps in order.")
    {
        var key = RunbookContext.KeyArgument();
        key.Arity = ArgumentArity.ZeroOrOne;
        key.Description += " Needed to start a run, or with --incident to find its open run; not with --run.";
        var incident = RunbookContext.IncidentOption();
        var step = RunbookContext.StepOption("Run this step (its number) instead of starting a run.");
        var all = new Option<bool>("--all") { Description = "Run the remaining automated steps in order; stops at a manual step, a failure or a step waiting for approval." };
        var run = RunbookContext.RunOption();
        run.Description += " Default with --step or --all: the incident's newest unfinished run of KEY.";
        var note = new Option<string?>("--note") { Description = "What you saw or did, on the timeline with the step; for manual steps." };
        Arguments.Add(key);
        Options.Add(incident);
        Options.Add(step);
        Options.Add(all);
        Options.Add(run);
        Options.Add(note);
        Validators.Add(result =>
        {
            var hasStep = result.GetValue(step) is not null;
            var hasAll = result.GetValue(all);
            var hasKey = !string.IsNullOrWhiteSpace(result.GetValue(key));
            if (hasStep && hasAll)
            {
                result.AddError("--all runs every remaining step and --step one: give one of them.");
                return;
            }

            if ((!hasStep && result.GetValue(note) is not null) || (!hasStep && !hasAll && result.GetValue(run) is not null))
            {
                result.AddError("--run and --note go with --step (--run with --all too): without them, 'run' starts a new run.");
            }
            else if (result.GetValue(incident) is null && result.GetValue(run) is null)
            {
                result.AddError(hasStep || hasAll
                    ? "Say which run: --run ID, or --incident N to use its newest unfinished run of the runbook."
                    : "Say which incident to run the runbook on: --incident N.");
            }
            else if (result.GetValue(run) is null && !hasKey)
            {
                result.AddError(hasStep || hasAll
                    ? "Say which runbook: KEY, with --incident N, or the run: --run ID."
                    : "Say which runbook to start: KEY, as 'firebreak runbook list' shows it.");
            }
        });
        this.SetCliAction(context.Env, (parse, ct) =>
        {
            var runbook = parse.GetValue(key)?.Trim() ?? "";
            async Task<long> RunIdAsync(ApiClient api) => parse.GetValue(run) ?? await RunbookContext.OpenRunAsync(api, parse.GetValue(incident)!, runbook, ct);
            if (parse.GetValue(all))
            {
                return context.SendAsync(parse,
                    async api => await api.PostAsync(RunbookContext.RunPath(await RunIdAsync(api), "run-all"), null, ct),
                    (output, r) => output.RanAll(r.Read<RunAllModel>()), ct);
            }

            if (parse.GetValue(step) is not { } number)
            {
                return context.SendAsync(parse,
                    api => api.PostAsync(RunbookContext.RunsPath(parse.GetValue(incident)!), new { runbook }, ct),
                    (output, r) => output.Started(r.Read<RunModel>()), ct);
            }

            var text = parse.GetValue(note);
            return context.SendAsync(parse,
                async api => await api.PostAsync(RunbookContext.StepPath(await RunIdAsync(api), number), text is null ? null : new { note = text }, ct),
                (output, r) => output.StepResult(r.Read<RunModel>(), number), ct);
        });
    }
}
