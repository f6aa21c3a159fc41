namespace Firebreak.Cli.Features.Runbooks;

// The client's view of the server's contracts, with only what the CLI shows. Not the server's own types: the CLI is
// a plain HTTP client and must keep working against a server of a slightly different version.

internal sealed record RunbookSummaryModel(
    string Key, string Title, List<string> Services, List<string> Match, string? Owner, int Version, string Source,
    DateTimeOffset UpdatedAt, DateTimeOffset? ValidatedAt, string? ValidatedBy, string? NeedsUpdate, string Health);

internal sealed record RunbookStepModel(int Number, string Key, string Kind, string Title, string Section, bool Dangerous);

internal sealed record RunbookModel(
    RunbookSummaryModel Runbook, string? ReviewEvery, string? Severity, List<string> Sections, List<RunbookStepModel> Steps, string Text);

internal sealed record RunbookMatchModel(string Key, string Title, int Version, int Matchers, string Why, long? AlertId);

internal sealed record RunStepModel(int Number, string Key, string Kind, string Title, string Section, bool Dangerous, string? Text, string? Target, string? Status);

internal sealed record StepResultModel(
    long Id, int Number, string Step, string Kind, string Status, string Actor, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    int? HttpStatus, int? ExitCode, string? Stdout, string? Stderr, string? Note, string? ApprovedBy, DateTimeOffset? ApprovedAt);

internal sealed record RunModel(
    long Id, int Incident, string Runbook, string Title, int Version, string StartedBy, DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt, string? FinishedBy, string? Verdict, string? VerdictNote,
    List<RunStepModel> Steps, List<StepResultModel> Results);

internal sealed record RunAllModel(RunModel Run, List<int> Ran, int? StoppedAt, string Stopped);
