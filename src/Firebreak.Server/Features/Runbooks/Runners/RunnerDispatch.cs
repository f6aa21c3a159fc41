using System.Text.Json;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Runbooks.Escalations;
using Firebreak.Server.Features.Runbooks.Format;
using Firebreak.Server.Features.Runbooks.Runs;
using Firebreak.Server.Features.Runbooks.Secrets;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Runbooks.Runners;

/// <summary>
/// Hands shell steps to runners and takes back what they report: a step becomes a stored job a connected runner with
/// the step's labels takes on its next poll; its output fills the step's result, redacted, as it arrives; its end goes
/// on the incident's timeline. Nothing here starts a process: shell steps never run inside the web server.
/// </summary>
public sealed class RunnerDispatch(FirebreakDb db, RunbookSecrets secrets, IDataProtectionProvider protection, AuditLog audit, TimeProvider clock, IncidentEvents events, RunbookLibrary library)
{
    /// <summary>How long a runner holds a job without reporting before the job is failed; it reports every second or so.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private IDataProtector Protector => protection.CreateProtector("Firebreak.Runbooks.RunnerJobs");

    /// <summary>Queues <paramref name="step"/> for a runner and marks <paramref name="result"/> running; refused when no connected runner could take it.</summary>
    public async Task<Failure?> QueueAsync(ShellStep step, RunbookRun run, Incident incident, RunbookStepResult result, Actor actor, StepModel model, CancellationToken ct)
    {
        var title = $"step {step.Number} '{step.Title}'";
        var labels = RunnerRegistry.Describe(step.Runner);
        var now = clock.GetUtcNow();
        var runners = await db.Set<RunbookRunner>().AsNoTracking().ToListAsync(ct);
        if (!runners.Any(r => r.Serves(step.Runner) && r.LastSeenAt is { } seen && now - seen <= RunnerRegistry.Connected))
        {
            var registered = runners.Count(r => r.Serves(step.Runner));
            return Failure.Conflict(
                $"{title} runs only on a runner with labels {labels}, never inside the web server, and no such runner is connected "
                + (registered == 0 ? "(none is registered: an admin adds one with 'firebreak runners add NAME --label key=value')" : $"({registered} registered, none asked for work in the last {RunnerRegistry.Connected.TotalMinutes:0} minutes: start 'firebreak runner' on it)")
                + ". Or run the step by hand and tick it with a note.");
        }

        var values = await secrets.ValuesAsync(ct);
        var missing = step.Argv.Concat(step.Env.Values).Append(step.WorkDir ?? "").SelectMany(StepTemplates.SecretsUsed).Distinct().Where(n => !values.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            return Failure.Conflict($"{title} uses secret{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}, which no admin has set: set {(missing.Count == 1 ? "it" : "them")} under Settings → Runbook secrets (or PUT /api/v1/runbook-secrets/{missing[0]}).");
        }

        // Each template fills exactly one argument or one variable, whatever an alert's labels hold: nothing is ever split or passed through a shell.
        var filled = model with { Secrets = values.ToDictionary(v => v.Key, v => (object?)v.Value) };
        var argv = new List<string>();
        foreach (var item in step.Argv)
        {
            argv.Add(await StepTemplates.RenderAsync(item, filled));
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in step.Env)
        {
            env[name] = await StepTemplates.RenderAsync(value, filled);
        }

        var workDir = step.WorkDir is null ? null : await StepTemplates.RenderAsync(step.WorkDir, filled);
        var command = new JobCommand(argv, env, workDir, (int)Math.Ceiling(step.Timeout.TotalSeconds), step.ExpectExit);
        result.Status = StepStatus.Running;
        db.Add(new RunnerJob
        {
            Result = result,
            RunId = run.Id,
            IncidentId = incident.Id,
            Title = Clip($"{title} of '{run.Title}'", 400),
            Labels = new Dictionary<string, string>(step.Runner, StringComparer.Ordinal),
            Payload = Protector.Protect(JsonSerializer.Serialize(command, s_json)),
            State = JobStates.Queued,
            CreatedAt = now,
        });
        IncidentFactory.Touch(db, incident, actor, now, TimelineKind.RunbookStep,
            $"Sent {title} of '{run.Title}' to a runner with labels {labels}: {string.Join(' ', step.Argv)}");
        return null;
    }

    /// <summary>The oldest queued job <paramref name="runner"/> may take, now leased to it; null when there is none.</summary>
    public async Task<RunnerJobDto?> ClaimAsync(RunbookRunner runner, CancellationToken ct)
    {
        await ExpireAsync(ct);
        var queued = await db.Set<RunnerJob>().AsNoTracking().Where(j => j.State == JobStates.Queued).OrderBy(j => j.Id).Take(100).ToListAsync(ct);
        foreach (var job in queued.Where(j => runner.Serves(j.Labels)))
        {
            var now = clock.GetUtcNow();
            // Conditional on still being queued: two runners polling at once cannot both take it.
            var taken = await db.Set<RunnerJob>().Where(j => j.Id == job.Id && j.State == JobStates.Queued)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, JobStates.Running)
                    .SetProperty(j => j.RunnerId, runner.Id)
                    .SetProperty(j => j.RunnerName, runner.Name)
                    .SetProperty(j => j.ClaimedAt, now)
                    .SetProperty(j => j.LeaseUntil, now + Lease), ct);
            if (taken == 1)
            {
                var command = Command(job);
                return new RunnerJobDto(job.Id, job.Title, command.Argv, command.Env, command.WorkDir, command.TimeoutSeconds);
            }
        }

        return null;
    }

    /// <summary>Adds output to the job's step result and renews its lease; the answer says whether someone asked to stop it.</summary>
    public async Task<Outcome<JobOutputAnswer>> OutputAsync(RunbookRunner runner, long jobId, JobOutputRequest request, CancellationToken ct)
    {
        var (job, failure) = await HeldAsync(runner, jobId, ct);
        if (job is null)
        {
            return failure!;
        }

        job.LeaseUntil = clock.GetUtcNow() + Lease;
        var changed = await AppendAsync(job.Result!, request.Stdout, request.Stderr, ct);
        await db.SaveChangesAsync(ct);
        if (changed)
        {
            await PublishAsync(job.IncidentId, ct);
        }

        return new JobOutputAnswer(job.CancelRequestedBy is not null);
    }

    /// <summary>Ends the job as its runner reports: the step's status, exit code and output, and a line on the timeline.</summary>
    public async Task<Outcome<StepResultDto>> DoneAsync(RunbookRunner runner, long jobId, JobDoneRequest request, string? address, CancellationToken ct)
    {
        if (request.Outcome is not { } outcome || !JobOutcomes.All.Contains(outcome) || (outcome == JobOutcomes.Exited && request.ExitCode is null))
        {
            return Failure.Invalid("outcome", $"Say how the job ended: outcome one of {string.Join(", ", JobOutcomes.All)}, with exitCode when it is '{JobOutcomes.Exited}'.");
        }

        var (job, failure) = await HeldAsync(runner, jobId, ct);
        if (job is null)
        {
            return failure!;
        }

        await AppendAsync(job.Result!, request.Stdout, request.Stderr, ct);
        var result = job.Result!;
        var expect = Command(job).ExpectExit;
        var redaction = new SecretRedaction(await secrets.ValuesAsync(ct));
        var error = redaction.Redact(request.Error?.Trim() is { Length: > 0 } e ? e[..Math.Min(e.Length, 1000)] : null);
        result.ExitCode = request.ExitCode;
        (result.Status, var said) = outcome switch
        {
            JobOutcomes.Exited when request.ExitCode == expect => (StepStatus.Succeeded, $"exit {request.ExitCode}, succeeded"),
            JobOutcomes.Exited => (StepStatus.Failed, $"exit {request.ExitCode}, failed: expected exit {expect}"),
            JobOutcomes.Cancelled => (StepStatus.Cancelled, $"cancelled{(job.CancelRequestedBy is { } by ? $" as {by} asked" : "")}: its process tree was killed"),
            JobOutcomes.TimedOut => (StepStatus.Failed, $"failed: {error ?? "it ran past its timeout"}, so its process tree was killed"),
            _ => (StepStatus.Failed, $"refused: {error ?? "the runner would not run it"}"),
        };
        if (outcome is JobOutcomes.Refused or JobOutcomes.TimedOut && error is not null)
        {
            result.Stderr = StepOutput.Cap(string.IsNullOrEmpty(result.Stderr) ? error : $"{result.Stderr}\n{error}");
        }

        await EndAsync(job, new Actor("runner", null, $"runner {runner.Name}", address), $"on runner {runner.Name}: {said}", ct);
        await db.SaveChangesAsync(ct);
        await PublishAsync(job.IncidentId, ct);
        return ToDto(result);
    }

    /// <summary>Stops a running shell step: at once if no runner took it yet, else the runner is told on its next report.</summary>
    public async Task<Outcome<StepResultDto>> CancelAsync(Actor actor, long runId, int number, CancellationToken ct)
    {
        var job = await db.Set<RunnerJob>().Include(j => j.Result)
            .Where(j => j.RunId == runId && j.State != JobStates.Ended && j.Result!.Number == number).OrderByDescending(j => j.Id).FirstOrDefaultAsync(ct);
        if (job is null)
        {
            return await db.Set<RunbookRun>().AnyAsync(r => r.Id == runId, ct)
                ? Failure.Conflict($"Step {number} of run {runId} is not running on a runner: there is nothing to cancel.")
                : Failure.NotFound($"No runbook run {runId}.");
        }

        if (job.CancelRequestedBy is not null)
        {
            return Failure.Conflict($"{job.CancelRequestedBy} already asked to cancel {job.Title}; runner {job.RunnerName} stops it on its next report.");
        }

        job.CancelRequestedBy = actor.Name;
        audit.Record(actor, "runbook.step.cancel", $"runbook-run/{runId}", $"step {number}");
        if (job.State == JobStates.Queued)
        {
            job.Result!.Status = StepStatus.Cancelled;
            await EndAsync(job, actor, $"cancelled by {actor.Name} before a runner took it", ct);
        }
        else
        {
            var incident = await db.Incidents.FirstAsync(i => i.Id == job.IncidentId, ct);
            IncidentFactory.Touch(db, incident, actor, clock.GetUtcNow(), TimelineKind.RunbookStep, $"Asked runner {job.RunnerName} to stop {job.Title}");
        }

        await db.SaveChangesAsync(ct);
        await PublishAsync(job.IncidentId, ct);
        return ToDto(job.Result!);
    }

    /// <summary>Fails the jobs whose runner stopped reporting; they are never handed to another runner, as the command may have half run.</summary>
    private async Task ExpireAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lapsed = await db.Set<RunnerJob>().Include(j => j.Result).Where(j => j.State == JobStates.Running && j.LeaseUntil < now).ToListAsync(ct);
        if (lapsed.Count == 0)
        {
            return;
        }

        foreach (var job in lapsed)
        {
            job.Result!.Status = StepStatus.Failed;
            job.Result.Stderr = StepOutput.Cap($"{job.Result.Stderr}\nrunner {job.RunnerName} stopped reporting; the command may or may not have finished: check by hand".TrimStart('\n'));
            await EndAsync(job, Actor.System, $"failed: runner {job.RunnerName} stopped reporting, so whether the command finished is unknown", ct);
        }

        await db.SaveChangesAsync(ct);
        foreach (var incident in lapsed.Select(j => j.IncidentId).Distinct())
        {
            await PublishAsync(incident, ct);
        }
    }

    private async Task<(RunnerJob? Job, Failure? Failure)> HeldAsync(RunbookRunner runner, long jobId, CancellationToken ct)
    {
        var job = await db.Set<RunnerJob>().Include(j => j.Result).FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.RunnerId != runner.Id)
        {
            return (null, Failure.NotFound($"Runner {runner.Name} holds no job {jobId}: stop it."));
        }

        return job.State == JobStates.Running
            ? (job, null)
            : (null, Failure.Conflict($"Job {jobId} has already ended (cancelled, or its lease ran out): stop it."));
    }

    /// <summary>Appends output, redacted as a whole so a secret split across two reports is still caught, and capped per stream.</summary>
    private async Task<bool> AppendAsync(RunbookStepResult result, string? stdout, string? stderr, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(stdout) && string.IsNullOrEmpty(stderr))
        {
            return false;
        }

        var redaction = new SecretRedaction(await secrets.ValuesAsync(ct));
        result.Stdout = Append(result.Stdout, stdout, redaction);
        result.Stderr = Append(result.Stderr, stderr, redaction);
        return true;
    }

    private static string? Append(string? kept, string? more, SecretRedaction redaction)
    {
        if (string.IsNullOrEmpty(more) || (kept?.EndsWith(StepOutput.CutMark, StringComparison.Ordinal) ?? false))
        {
            return kept;
        }

        return StepOutput.Cap(redaction.Redact(kept + more)!);
    }

    private async Task EndAsync(RunnerJob job, Actor actor, string how, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var result = job.Result!;
        result.EndedAt = now;
        job.State = JobStates.Ended;
        job.LeaseUntil = null;
        // The filled-in command may hold secrets; it is not needed once the job ends.
        job.Payload = "";
        var output = "";
        if (!string.IsNullOrEmpty(result.Stdout))
        {
            output += $"\nstdout:\n{StepOutput.ForTimeline(result.Stdout)}";
        }

        if (!string.IsNullOrEmpty(result.Stderr))
        {
            output += $"\nstderr:\n{StepOutput.ForTimeline(result.Stderr)}";
        }

        var incident = await db.Incidents.FirstAsync(i => i.Id == job.IncidentId, ct);
        IncidentFactory.Touch(db, incident, actor, now, TimelineKind.RunbookStep, $"Ran {job.Title} {how}{output}");
        // A shell step's failure arrives here, not through the run service, and counts towards its escalate blocks too.
        if (result.Status == StepStatus.Failed)
        {
            var run = await db.Set<RunbookRun>().Include(r => r.Results).FirstAsync(r => r.Id == job.RunId, ct);
            var version = await db.Set<RunbookVersion>().FirstAsync(v => v.Id == run.VersionId, ct);
            if (library.Document(version) is { } doc)
            {
                RunbookEscalations.AfterResults(db, run, doc, now);
            }
        }
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    private JobCommand Command(RunnerJob job) => JsonSerializer.Deserialize<JobCommand>(Protector.Unprotect(job.Payload), s_json)!;

    private async Task PublishAsync(long incidentId, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId).Select(i => new { i.Id, i.Slug, i.Revision }).FirstAsync(ct);
        events.Publish(new IncidentChanged(incident.Id, incident.Slug, incident.Revision));
    }

    private static StepResultDto ToDto(RunbookStepResult r) =>
        new(r.Id, r.Number, r.StepKey, r.Kind, r.Status, r.Actor, r.StartedAt, r.EndedAt, r.HttpStatus, r.ExitCode, r.Stdout, r.Stderr, r.Note, r.ApprovedBy, r.ApprovedAt);
}
