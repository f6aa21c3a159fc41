using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.Runbooks.Escalations;
using Firebreak.Server.Features.Runbooks.Format;
using Firebreak.Server.Features.Runbooks.Runners;
using Firebreak.Server.Features.Runbooks.Secrets;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks.Runs;

/// <summary>
/// Running a runbook from an incident: a run keeps the version it started with; each step's result goes on the incident's
/// timeline; a dangerous step waits for a second person; the verdict at the end validates the runbook or marks it as
/// needing an update.
/// </summary>
public sealed class RunbookRunService(
    FirebreakDb db, RunbookLibrary library, RunbookHttp http, PublicLinks links, AuditLog audit, TimeProvider clock, IncidentEvents events, RunbookSecrets secrets, RunnerDispatch runners)
{
    public async Task<Outcome<IReadOnlyList<RunDto>>> ListAsync(string reference, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().ByReference(reference).Select(i => new { i.Id, i.Number }).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound($"No incident '{reference}'.");
        }

        var runs = await db.Set<RunbookRun>().AsNoTracking().Include(r => r.Results).Where(r => r.IncidentId == incident.Id).OrderBy(r => r.Id).ToListAsync(ct);
        var versions = await VersionsAsync(runs.Select(r => r.VersionId), ct);
        return runs.Select(r => ToDto(r, incident.Number, versions[r.VersionId])).ToList();
    }

    public async Task<Outcome<RunDto>> GetAsync(long runId, CancellationToken ct)
    {
        var run = await db.Set<RunbookRun>().AsNoTracking().Include(r => r.Results).FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null)
        {
            return Failure.NotFound($"No runbook run {runId}.");
        }

        var number = await db.Incidents.AsNoTracking().Where(i => i.Id == run.IncidentId).Select(i => i.Number).FirstAsync(ct);
        return ToDto(run, number, (await VersionsAsync([run.VersionId], ct))[run.VersionId]);
    }

    public async Task<Outcome<RunDto>> StartAsync(Actor actor, string reference, StartRunRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Runbook))
        {
            return Failure.Invalid("runbook", "Say which runbook to run, by its key.");
        }

        var incident = await db.Incidents.ByReference(reference).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound($"No incident '{reference}'.");
        }

        var runbook = await db.Runbooks.FirstOrDefaultAsync(r => r.Key == request.Runbook, ct);
        var version = runbook is null ? null : await db.RunbookVersions.FirstOrDefaultAsync(v => v.RunbookId == runbook.Id && v.Number == runbook.Version, ct);
        if (runbook is null || version is null || library.Document(version) is not { } doc)
        {
            return Failure.Invalid("runbook", $"There is no runbook '{request.Runbook}'.");
        }

        var alerts = await db.Alerts.AsNoTracking().Where(a => a.IncidentId == incident.Id).OrderBy(a => a.Id).Take(RunbookCatalog.AlertsMatched)
            .Select(a => new { a.Id, a.Labels }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var run = new RunbookRun
        {
            IncidentId = incident.Id,
            RunbookId = runbook.Id,
            VersionId = version.Id,
            VersionNumber = version.Number,
            RunbookKey = runbook.Key,
            Title = doc.Title,
            AlertId = (alerts.FirstOrDefault(a => doc.Matches(a.Labels)) ?? alerts.FirstOrDefault())?.Id,
            StartedBy = actor.Name,
            StartedAt = now,
        };
        db.Add(run);
        IncidentFactory.Touch(db, incident, actor, now, TimelineKind.RunbookStarted,
            $"Started runbook '{doc.Title}' (version {version.Number}, {doc.Steps.Count} step{(doc.Steps.Count == 1 ? "" : "s")})");
        audit.Record(actor, "runbook.run", $"incident/{incident.Slug}", $"{runbook.Key} v{version.Number}");
        // A timer names its run, so it is written once the run has an id, in the same transaction: no run lacks its timer.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            if (RunbookEscalations.ScheduleTimers(db, run, doc, now))
            {
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }

        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        return ToDto(run, incident.Number, version);
    }

    public async Task<Outcome<RunDto>> RunStepAsync(Actor actor, long runId, int number, StepRequest request, CancellationToken ct)
    {
        var (found, failure) = await FindAsync(runId, number, ct);
        if (found is not { } f)
        {
            return failure!;
        }

        if (f.Run.Results.Any(r => r.Number == number && r.Status == StepStatus.AwaitingApproval))
        {
            return Failure.Conflict($"Step {number} already waits for approval by the incident's commander or an admin.");
        }

        if (f.Run.Results.Any(r => r.Number == number && r.Status == StepStatus.Running))
        {
            return Failure.Conflict($"Step {number} is running on a runner: wait for its result, or cancel it (POST /api/v1/runbook-runs/{runId}/steps/{number}/cancel).");
        }

        var now = clock.GetUtcNow();
        if (f.Step.Dangerous)
        {
            f.Run.Results.Add(new RunbookStepResult
            {
                Number = number,
                StepKey = f.Step.Key,
                Kind = f.Step.Kind,
                Status = StepStatus.AwaitingApproval,
                Actor = actor.Name,
                StartedAt = now,
                Note = Note(request.Note),
            });
            IncidentFactory.Touch(db, f.Incident, actor, now, TimelineKind.RunbookStep,
                $"Asked to run step {number} '{f.Step.Title}' of '{f.Run.Title}', marked dangerous: it waits for the commander or an admin other than {actor.Name} to approve");
            audit.Record(actor, "runbook.step.request", $"incident/{f.Incident.Slug}", $"{f.Run.RunbookKey} step {number}");
            return await SaveAsync(f, ct);
        }

        var result = new RunbookStepResult { Number = number, StepKey = f.Step.Key, Kind = f.Step.Kind, Status = StepStatus.Done, Actor = actor.Name, StartedAt = now, Note = Note(request.Note) };
        if (await ExecuteAsync(f, result, actor, ct) is { } refused)
        {
            return refused;
        }

        f.Run.Results.Add(result);
        return await SaveAsync(f, ct);
    }

    public async Task<Outcome<RunDto>> ApproveAsync(Actor actor, long runId, int number, CancellationToken ct)
    {
        var (found, failure) = await FindAsync(runId, number, ct);
        if (found is not { } f)
        {
            return failure!;
        }

        var waiting = f.Run.Results.LastOrDefault(r => r.Number == number && r.Status == StepStatus.AwaitingApproval);
        if (waiting is null)
        {
            return Failure.Conflict($"Step {number} is not waiting for approval: run it first.");
        }

        var isAdmin = actor.UserId is { } id && await db.Users.AnyAsync(u => u.Id == id && u.Role == Role.Admin, ct);
        var isCommander = actor.UserId is not null && f.Incident.CommanderId == actor.UserId;
        if (!isAdmin && !isCommander)
        {
            return Failure.Forbidden("Only the incident's commander or an admin can approve a dangerous step.");
        }

        if (string.Equals(waiting.Actor, actor.Name, StringComparison.Ordinal))
        {
            return Failure.Forbidden($"A dangerous step needs a second person: {actor.Name} asked for it, so someone else approves.");
        }

        var now = clock.GetUtcNow();
        waiting.ApprovedBy = actor.Name;
        waiting.ApprovedAt = now;
        IncidentFactory.Touch(db, f.Incident, actor, now, TimelineKind.RunbookStep, $"Approved step {number} '{f.Step.Title}' of '{f.Run.Title}', asked for by {waiting.Actor}");
        audit.Record(actor, "runbook.step.approve", $"incident/{f.Incident.Slug}", $"{f.Run.RunbookKey} step {number}");
        waiting.Status = StepStatus.Done;
        waiting.StartedAt = now;
        if (await ExecuteAsync(f, waiting, new Actor(actor.Kind, null, waiting.Actor, actor.SourceAddress), ct) is { } refused)
        {
            waiting.Status = StepStatus.Failed;
            waiting.Stderr = refused.Error;
            waiting.EndedAt = now;
            IncidentFactory.Touch(db, f.Incident, actor, now, TimelineKind.RunbookStep, $"Could not run step {number} '{f.Step.Title}' of '{f.Run.Title}' after approval: {refused.Error}");
        }

        return await SaveAsync(f, ct);
    }

    public async Task<Outcome<RunDto>> FinishAsync(Actor actor, long runId, FinishRunRequest request, CancellationToken ct)
    {
        var run = await db.Set<RunbookRun>().Include(r => r.Results).FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null)
        {
            return Failure.NotFound($"No runbook run {runId}.");
        }

        if (request.Verdict is not (RunVerdicts.Worked or RunVerdicts.NeedsUpdate))
        {
            return Failure.Invalid("verdict", $"Say '{RunVerdicts.Worked}' (it did what it says: the runbook is validated) or '{RunVerdicts.NeedsUpdate}' (with a note saying what to change).");
        }

        var note = Note(request.Note);
        if (request.Verdict == RunVerdicts.NeedsUpdate && note is null)
        {
            return Failure.Invalid("note", "Say what needs updating, so whoever edits the runbook knows.");
        }

        if (run.FinishedAt is not null)
        {
            return Failure.Conflict($"This run was already finished by {run.FinishedBy}.");
        }

        var incident = await db.Incidents.FirstAsync(i => i.Id == run.IncidentId, ct);
        var runbook = await db.Runbooks.FirstAsync(r => r.Id == run.RunbookId, ct);
        var now = clock.GetUtcNow();
        run.FinishedAt = now;
        run.FinishedBy = actor.Name;
        run.Verdict = request.Verdict;
        run.VerdictNote = note;
        var current = runbook.Version == run.VersionNumber;
        string text;
        if (request.Verdict == RunVerdicts.Worked)
        {
            if (current)
            {
                runbook.ValidatedAt = now;
                runbook.ValidatedBy = $"incident #{incident.Number}";
                runbook.NeedsUpdate = null;
            }

            text = current
                ? $"Runbook '{run.Title}' worked: validated by this incident{(note is null ? "" : $" ({note})")}"
                : $"Runbook '{run.Title}' version {run.VersionNumber} worked; version {runbook.Version} has been written since, so it is not marked validated";
        }
        else
        {
            runbook.NeedsUpdate = note;
            text = $"Runbook '{run.Title}' needs an update: {note}";
        }

        IncidentFactory.Touch(db, incident, actor, now, TimelineKind.RunbookFinished, text);
        audit.Record(actor, "runbook.finish", $"runbook/{runbook.Key}", $"{request.Verdict} in incident #{incident.Number}");
        await db.SaveChangesAsync(ct);
        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
        var version = await db.RunbookVersions.AsNoTracking().FirstAsync(v => v.Id == run.VersionId, ct);
        return ToDto(run, incident.Number, version);
    }

    /// <summary>Runs <paramref name="result"/>'s step and fills it in; a step that cannot run here at all is refused instead.</summary>
    private async Task<Failure?> ExecuteAsync(Found f, RunbookStepResult result, Actor actor, CancellationToken ct)
    {
        var title = $"step {f.Step.Number} '{f.Step.Title}'";
        switch (f.Step)
        {
            case ManualStep:
                result.Status = StepStatus.Done;
                result.EndedAt = clock.GetUtcNow();
                IncidentFactory.Touch(db, f.Incident, actor, result.EndedAt.Value, TimelineKind.RunbookStep,
                    $"Done: {title} of '{f.Run.Title}'{(result.Note is null ? "" : $": {result.Note}")}");
                return null;
            case HttpStep step:
                var values = await secrets.ValuesAsync(ct);
                var redaction = new SecretRedaction(values);
                var missing = new[] { step.Url, step.Body ?? "" }.Concat(step.Headers.Values).SelectMany(StepTemplates.SecretsUsed).Distinct().Where(n => !values.ContainsKey(n)).ToList();
                if (missing.Count > 0)
                {
                    return Failure.Conflict($"{title} uses secret{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}, which no admin has set: set {(missing.Count == 1 ? "it" : "them")} under Settings → Runbook secrets (or PUT /api/v1/runbook-secrets/{missing[0]}).");
                }

                var model = await ModelAsync(f, ct) with { Secrets = values.ToDictionary(v => v.Key, v => (object?)v.Value) };
                var url = await StepTemplates.RenderAsync(step.Url, model);
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (name, value) in step.Headers)
                {
                    headers[name] = await StepTemplates.RenderAsync(value, model);
                }

                var body = step.Body is null ? null : await StepTemplates.RenderAsync(step.Body, model);
                var sent = await http.SendAsync(step, url, headers, body, ct);
                result.HttpStatus = sent.Status;
                // Whatever comes back is redacted before it is kept anywhere: a service may echo the credential it was sent.
                result.Stdout = StepOutput.Cap(redaction.Redact(sent.Body)!);
                result.Stderr = redaction.Redact(sent.Error);
                result.Status = sent.Error is null ? StepStatus.Succeeded : StepStatus.Failed;
                result.EndedAt = clock.GetUtcNow();
                var answer = sent.Status is { } status ? $"{status}" : "no answer";
                var outcome = sent.Error is null ? "succeeded" : $"failed: {result.Stderr}";
                var output = StepOutput.ForTimeline(result.Stdout);
                IncidentFactory.Touch(db, f.Incident, actor, result.EndedAt.Value, TimelineKind.RunbookStep,
                    $"Ran {title} of '{f.Run.Title}': {step.Method} {redaction.Redact(url)} → {answer} in {sent.Took.TotalMilliseconds:0} ms, {outcome}{(output.Length == 0 ? "" : $"\n{output}")}");
                return null;
            case ShellStep shell:
                // Never here: a runner with the step's labels takes it, and its result arrives later.
                return await runners.QueueAsync(shell, f.Run, f.Incident, result, actor, await ModelAsync(f, ct), ct);
            default:
                return Failure.Conflict($"{title} is a '{f.Step.Kind}' step, which this server cannot run.");
        }
    }

    private async Task<StepModel> ModelAsync(Found f, CancellationToken ct)
    {
        var service = f.Incident.ServiceId is { } sid ? await db.Services.AsNoTracking().Where(s => s.Id == sid).Select(s => s.Key).FirstOrDefaultAsync(ct) : null;
        var alert = f.Run.AlertId is { } aid ? await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == aid, ct) : null;
        var baseUrl = links.Base.ToString().TrimEnd('/');
        return new StepModel(
            new Dictionary<string, object?>
            {
                ["number"] = f.Incident.Number,
                ["title"] = f.Incident.Title,
                ["severity"] = f.Incident.SeverityKey,
                ["status"] = f.Incident.Status.ToWire(),
                ["service"] = service,
                ["url"] = links.Incident(f.Incident.Number).ToString(),
            },
            new Dictionary<string, object?>
            {
                ["labels"] = (alert?.Labels ?? []).ToDictionary(l => l.Key, l => (object?)l.Value),
                ["annotations"] = (alert?.Annotations ?? []).ToDictionary(l => l.Key, l => (object?)l.Value),
                ["summary"] = alert?.Summary,
                ["status"] = alert?.Status,
                ["source"] = alert?.Source,
            },
            new Dictionary<string, object?> { ["url"] = baseUrl });
    }

    private async Task<(Found? Found, Failure? Failure)> FindAsync(long runId, int number, CancellationToken ct)
    {
        var run = await db.Set<RunbookRun>().Include(r => r.Results).FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null)
        {
            return (null, Failure.NotFound($"No runbook run {runId}."));
        }

        if (run.FinishedAt is not null)
        {
            return (null, Failure.Conflict($"This run was finished by {run.FinishedBy}; start the runbook again to run more steps."));
        }

        var version = await db.RunbookVersions.AsNoTracking().FirstAsync(v => v.Id == run.VersionId, ct);
        var step = library.Document(version)?.Steps.FirstOrDefault(s => s.Number == number);
        if (step is null)
        {
            return (null, Failure.NotFound($"Runbook '{run.Title}' version {run.VersionNumber} has no step {number}."));
        }

        var incident = await db.Incidents.FirstAsync(i => i.Id == run.IncidentId, ct);
        return (new Found(run, version, step, incident), null);
    }

    private async Task<Outcome<RunDto>> SaveAsync(Found f, CancellationToken ct)
    {
        if (library.Document(f.Version) is { } doc)
        {
            RunbookEscalations.AfterResults(db, f.Run, doc, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
        events.Publish(new IncidentChanged(f.Incident.Id, f.Incident.Slug, f.Incident.Revision));
        return ToDto(f.Run, f.Incident.Number, f.Version);
    }

    private async Task<Dictionary<long, RunbookVersion>> VersionsAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.RunbookVersions.AsNoTracking().Where(v => wanted.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
    }

    private RunDto ToDto(RunbookRun run, int incidentNumber, RunbookVersion version)
    {
        var steps = library.Document(version)?.Steps ?? [];
        var results = run.Results.OrderBy(r => r.StartedAt).ThenBy(r => r.Id).ToList();
        return new RunDto(
            run.Id, incidentNumber, run.RunbookKey, run.Title, run.VersionNumber, run.StartedBy, run.StartedAt, run.FinishedAt, run.FinishedBy, run.Verdict, run.VerdictNote,
            [.. steps.Select(s => new RunStepDto(s.Number, s.Key, s.Kind, s.Title, s.Section, s.Dangerous, (s as ManualStep)?.Text, Target(s), results.LastOrDefault(r => r.Number == s.Number)?.Status))],
            [.. results.Select(r => new StepResultDto(r.Id, r.Number, r.StepKey, r.Kind, r.Status, r.Actor, r.StartedAt, r.EndedAt, r.HttpStatus, r.ExitCode, r.Stdout, r.Stderr, r.Note, r.ApprovedBy, r.ApprovedAt))]);
    }

    private static string? Target(RunbookStep step) => step switch
    {
        HttpStep h => $"{h.Method} {h.Url}",
        ShellStep s => string.Join(' ', s.Argv),
        _ => null,
    };

    private static string? Note(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 2000)];

    private sealed record Found(RunbookRun Run, RunbookVersion Version, RunbookStep Step, Incident Incident);
}
