namespace Firebreak.Server.Features.Runbooks.Runs;

public sealed record StartRunRequest(string? Runbook);

public sealed record StepRequest(string? Note);

public sealed record FinishRunRequest(string? Verdict, string? Note);

public sealed record StepResultDto(
    long Id, int Number, string Step, string Kind, string Status, string Actor, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    int? HttpStatus, int? ExitCode, string? Stdout, string? Stderr, string? Note, string? ApprovedBy, DateTimeOffset? ApprovedAt);

public sealed record RunStepDto(int Number, string Key, string Kind, string Title, string Section, bool Dangerous, string? Text, string? Target, string? Status);

public sealed record RunDto(
    long Id, int Incident, string Runbook, string Title, int Version, string StartedBy, DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt, string? FinishedBy, string? Verdict, string? VerdictNote,
    IReadOnlyList<RunStepDto> Steps, IReadOnlyList<StepResultDto> Results);

/// <summary>What "run all" did: the steps it ran in order, and the step it stopped at with the reason (none when all are done).</summary>
public sealed record RunAllDto(RunDto Run, IReadOnlyList<int> Ran, int? StoppedAt, string Stopped);
