namespace Firebreak.Server.Features.Runbooks.Runs;

/// <summary>One use of one runbook version during one incident: its steps' results, and what the responder concluded.</summary>
public sealed class RunbookRun
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public long RunbookId { get; set; }
    public long VersionId { get; set; }
    public int VersionNumber { get; set; }
    public required string RunbookKey { get; set; }
    public required string Title { get; set; }

    /// <summary>The alert whose labels fill the steps' templates: the one the runbook matched, else the incident's first.</summary>
    public long? AlertId { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? FinishedBy { get; set; }

    /// <summary><see cref="RunVerdicts"/>: whether the runbook worked, which validates it.</summary>
    public string? Verdict { get; set; }
    public string? VerdictNote { get; set; }
    public List<RunbookStepResult> Results { get; set; } = [];
}

/// <summary>One attempt at one step; a step run again gets another row, so a failure stays on record.</summary>
public sealed class RunbookStepResult
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public int Number { get; set; }
    public required string StepKey { get; set; }
    public required string Kind { get; set; }
    public required string Status { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int? HttpStatus { get; set; }
    public int? ExitCode { get; set; }
    public string? Stdout { get; set; }
    public string? Stderr { get; set; }
    public string? Note { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
}

public static class StepStatus
{
    public const string Done = "done";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string AwaitingApproval = "awaiting_approval";

    /// <summary>A shell step a runner has, or will take; its result arrives later.</summary>
    public const string Running = "running";
    public const string Cancelled = "cancelled";
}

public static class RunVerdicts
{
    public const string Worked = "worked";
    public const string NeedsUpdate = "needs_update";
}
