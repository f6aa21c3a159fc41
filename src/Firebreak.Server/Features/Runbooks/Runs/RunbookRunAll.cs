using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Runbooks.Format;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Runbooks.Runs;

/// <summary>
/// "Run all": runs a run's remaining automated steps in order, one at a time through <see cref="RunbookRunService"/> so
/// each result is saved and on the timeline before the next starts, and stops where a person is needed: a manual step,
/// a failure, a dangerous step waiting for approval, or a step that cannot run here.
/// </summary>
public sealed class RunbookRunAll(RunbookRunService runs, FirebreakDb db, AuditLog audit)
{
    public async Task<Outcome<RunAllDto>> RunAsync(Actor actor, long runId, CancellationToken ct)
    {
        var current = await runs.GetAsync(runId, ct);
        if (current.Value is not { } run)
        {
            return new Failure(current.Kind, current.Error!);
        }

        if (run.FinishedAt is not null)
        {
            return Failure.Conflict($"This run was finished by {run.FinishedBy}; start the runbook again to run more steps.");
        }

        audit.Record(actor, "runbook.run_all", $"runbook-run/{runId}", run.Runbook);
        await db.SaveChangesAsync(ct);
        var ran = new List<int>();
        while (true)
        {
            var next = run.Steps.FirstOrDefault(s => !IsComplete(s.Status));
            if (next is null)
            {
                return new RunAllDto(run, ran, null, "every step is done: finish the run with its verdict");
            }

            // A step this pass already ran and that is not complete stopped it; so do steps that need a person.
            if (ran.Contains(next.Number) || next.Status == StepStatus.AwaitingApproval || next.Kind == StepKinds.Manual)
            {
                return new RunAllDto(run, ran, next.Number, Why(next));
            }

            var outcome = await runs.RunStepAsync(actor, runId, next.Number, new StepRequest(null), ct);
            if (outcome.Value is not { } after)
            {
                return new RunAllDto(run, ran, next.Number, outcome.Error!);
            }

            ran.Add(next.Number);
            run = after;
        }
    }

    private static bool IsComplete(string? status) => status is StepStatus.Done or StepStatus.Succeeded;

    private static string Why(RunStepDto step) => step.Status switch
    {
        StepStatus.AwaitingApproval => "it is dangerous and waits for approval by the incident's commander or an admin",
        StepStatus.Failed => "it failed: read its output; run all again to retry it",
        _ when step.Kind == StepKinds.Manual => "it is manual: do it and tick it, then run all again",
        var status => $"it is {status ?? "not run"}: run all again once it is done",
    };
}
