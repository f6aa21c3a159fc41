using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Escalation;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Runbooks.Format;
using Firebreak.Server.Features.Runbooks.Runs;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks.Escalations;

/// <summary>
/// Fires one escalate block of one run: pages its targets the way an escalation policy step does and says why on the
/// incident's timeline. A timer whose run was finished, or whose incident was resolved, in time pages nobody.
/// </summary>
public sealed class RunbookEscalationHandler(RunbookLibrary library) : IWorkHandler
{
    public const string KindName = "runbook-escalation";

    private static readonly Actor s_engine = new("system", null, "runbook escalation", null);

    public string Kind => KindName;

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        var db = work.Db;
        if (RunbookEscalationWork.FromPayload(work.Item.Payload) is not { } named)
        {
            return WorkResult.Done;
        }

        var run = await db.Set<RunbookRun>().Include(r => r.Results).FirstOrDefaultAsync(r => r.Id == named.Run, ct);
        var version = run is null ? null : await db.RunbookVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == run.VersionId, ct);
        var escalation = version is null ? null : library.Document(version)?.Escalations.FirstOrDefault(e => e.Number == named.Escalation);
        var incident = run is null ? null : await db.Incidents.FindAsync([run.IncidentId], ct);
        if (run is null || escalation is null || incident is null)
        {
            return WorkResult.Done;
        }

        if (escalation.UnfinishedAfter is not null && (run.FinishedAt is not null || incident.ResolvedAt is not null))
        {
            return WorkResult.Done;
        }

        var because = Because(escalation, run, version!, library);
        var summary = await EscalationTargets.PageAsync(db, incident, escalation.Page, $"runbook:{run.Id}:{escalation.Number}", $"runbook '{run.Title}': {because}", work.Now, ct);
        EngineLines.Add(work, incident, s_engine, TimelineKind.RunbookEscalated, $"Runbook '{run.Title}' escalated because {because}: {summary.Describe()}");
        return WorkResult.Done;
    }

    private static string Because(RunbookEscalation escalation, RunbookRun run, RunbookVersion version, RunbookLibrary library)
    {
        if (escalation.UnfinishedAfter is { } after)
        {
            return $"the run started by {run.StartedBy} was not finished within {Core.Config.DurationParser.Format(after)}";
        }

        var step = library.Document(version)?.Steps.FirstOrDefault(s => s.Number == escalation.AfterStep);
        var times = escalation.Times switch { 1 => "once", 2 => "twice", _ => $"{escalation.Times} times" };
        return $"step {escalation.AfterStep}{(step is null ? "" : $" '{step.Title}'")} failed {times}";
    }
}
