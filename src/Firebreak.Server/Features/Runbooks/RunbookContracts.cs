namespace Firebreak.Server.Features.Runbooks;

public sealed record RunbookSummaryDto(string Key, string Title, IReadOnlyList<string> Services, IReadOnlyList<string> Match, string? Owner, int Version, string Source, DateTimeOffset UpdatedAt, DateTimeOffset? ValidatedAt, string? ValidatedBy, string? NeedsUpdate, string Health);

public sealed record RunbookStepDto(int Number, string Key, string Kind, string Title, string Section, bool Dangerous);

public sealed record RunbookDto(RunbookSummaryDto Runbook, string? ReviewEvery, string? Severity, IReadOnlyList<string> Sections, IReadOnlyList<RunbookStepDto> Steps, string Text, string Html);

/// <summary>A runbook offered for an incident, and why: the alert and matchers it matched, or the incident's service.</summary>
public sealed record RunbookMatchDto(string Key, string Title, int Version, int Matchers, string Why, long? AlertId);
