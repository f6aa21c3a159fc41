namespace Firebreak.Server.Features.Runbooks.Runners;

/// <summary>
/// One shell step waiting for, or held by, a runner. Stored, so a job survives a restart of the server; a runner that
/// holds one renews its lease each time it reports, and a job whose lease runs out is failed, never given to another
/// runner: half a command may already have run.
/// </summary>
public sealed class RunnerJob
{
    public long Id { get; set; }

    /// <summary>The step result this job fills in; it says "running" until the runner reports.</summary>
    public long ResultId { get; set; }
    public Runs.RunbookStepResult? Result { get; set; }
    public long RunId { get; set; }
    public long IncidentId { get; set; }

    /// <summary>"step 3 'Restart' of 'Pool exhausted'", for the timeline and the runner's log.</summary>
    public required string Title { get; set; }

    /// <summary>The labels the step asks a runner to have.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>The filled-in command (<see cref="JobCommand"/>), encrypted with Data Protection since secrets may fill it; emptied when the job ends.</summary>
    public required string Payload { get; set; }
    public required string State { get; set; }
    public long? RunnerId { get; set; }
    public string? RunnerName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Who asked to stop it; the runner learns on its next report and kills the process tree.</summary>
    public string? CancelRequestedBy { get; set; }
}

public static class JobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Ended = "ended";
}

/// <summary>What a runner runs: an argument list (never a shell string), its environment, folder and limits.</summary>
public sealed record JobCommand(IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Env, string? WorkDir, int TimeoutSeconds, int ExpectExit);
