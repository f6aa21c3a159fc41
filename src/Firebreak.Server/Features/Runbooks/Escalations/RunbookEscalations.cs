using System.Text.Json;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Runbooks.Format;
using Firebreak.Server.Features.Runbooks.Runs;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks.Escalations;

/// <summary>What an escalation work item names: the run, and which of its runbook version's escalate blocks.</summary>
public sealed record RunbookEscalationWork(long Run, int Escalation)
{
    public string ToPayload() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static RunbookEscalationWork? FromPayload(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<RunbookEscalationWork>(payload, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Queues a run's escalate blocks as engine work, so each page goes out through the engine like an escalation step's:
/// durable across restarts, on the server's clock, once. Nothing here saves: the work commits with the caller's change.
/// </summary>
public static class RunbookEscalations
{
    /// <summary>Queues each "unfinished after" timer, due that long after the run started. The run must have its id.</summary>
    public static bool ScheduleTimers(FirebreakDb db, RunbookRun run, RunbookDocument doc, DateTimeOffset now)
    {
        var timers = doc.Escalations.Where(e => e.UnfinishedAfter is not null).ToList();
        foreach (var e in timers)
        {
            WorkQueue.Add(db, RunbookEscalationHandler.KindName, run.StartedAt + e.UnfinishedAfter!.Value, now, new RunbookEscalationWork(run.Id, e.Number).ToPayload(), run.IncidentId);
        }

        return timers.Count > 0;
    }

    /// <summary>
    /// Queues, due now, each "after failures" escalation whose step failed in the change being saved and has now failed
    /// exactly the number of times it names: a later failure of the same step does not page again.
    /// </summary>
    public static void AfterResults(FirebreakDb db, RunbookRun run, RunbookDocument doc, DateTimeOffset now)
    {
        // The results this unit of work adds or turns into failures, read from the change tracker so that every way a
        // step can fail (run, approved, refused after approval) is seen without each path calling in.
        var failedNow = db.ChangeTracker.Entries<RunbookStepResult>()
            .Where(e => e.Entity.Status == StepStatus.Failed && (e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(r => r.Status).IsModified)))
            .Where(e => e.Entity.RunId == run.Id || run.Results.Contains(e.Entity))
            .Select(e => e.Entity.Number)
            .ToHashSet();
        foreach (var e in doc.Escalations.Where(e => e.AfterStep is { } step && failedNow.Contains(step)))
        {
            if (run.Results.Count(r => r.Number == e.AfterStep && r.Status == StepStatus.Failed) == e.Times)
            {
                WorkQueue.Add(db, RunbookEscalationHandler.KindName, now, now, new RunbookEscalationWork(run.Id, e.Number).ToPayload(), run.IncidentId);
            }
        }
    }
}
