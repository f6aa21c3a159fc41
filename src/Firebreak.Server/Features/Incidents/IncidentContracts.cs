namespace Firebreak.Server.Features.Incidents;

public sealed record DeclareIncidentRequest(
    string? Title,
    string? Severity,
    string? Service = null,
    string? Description = null,
    string? Impact = null,
    DateTimeOffset? ImpactStartedAt = null,
    string? Commander = null,
    bool? IsDrill = null);

/// <param name="Resolution">Only when resolving: <c>fixed</c> (the default) or <c>false-positive</c>.</param>
public sealed record StatusChangeRequest(string? Status, string? Note = null, string? Resolution = null);

/// <param name="Text">An optional resolution note for the timeline.</param>
/// <param name="Resolution"><c>fixed</c> (the default) or <c>false-positive</c>.</param>
public sealed record ResolveRequest(string? Text = null, string? Resolution = null);

/// <param name="At">When the impact began; null clears it (TTD is then unknown).</param>
/// <param name="Reason">Why, for the timeline: "errors on the dashboard from 09:35".</param>
public sealed record ImpactStartRequest(DateTimeOffset? At, string? Reason = null);

public sealed record SeverityChangeRequest(string? Severity, string? Reason = null);

public sealed record RoleAssignmentRequest(string? Role, string? User);

public sealed record NoteRequest(string? Text);

public sealed record ChecklistUpdateRequest(bool? Done);

public sealed record IncidentQuery(
    string? Status = null, string? Severity = null, string? Service = null, bool? Open = null, int? Limit = null, string? Search = null, int? Page = null);

/// <summary>One page of an incident list: <see cref="Total"/> counts every match, not just this page.</summary>
public sealed record IncidentListPage(IReadOnlyList<IncidentSummary> Incidents, int Total, int Page, int PageSize);

public sealed record IncidentSummary(
    int Number,
    string Slug,
    string Title,
    string Severity,
    string Status,
    string? Service,
    bool IsDrill,
    DateTimeOffset DeclaredAt,
    DateTimeOffset UpdatedAt,
    string? Commander);

/// <param name="Reached">False when the incident ended without this milestone (resolved by its source, unacknowledged).</param>
/// <param name="TargetMet">Against the severity's target: null without a target or while it can still be met.</param>
public sealed record MetricDto(double Seconds, bool Running, string Text, bool Reached = true, bool? TargetMet = null);

public sealed record IncidentMetricsDto(MetricDto? Ttd, MetricDto Tta, MetricDto Ttm, MetricDto Ttr);

public sealed record ChecklistItemDto(long Id, string Text, bool Done, string? DoneBy, DateTimeOffset? DoneAt);

public sealed record TimelineEntryDto(long Id, DateTimeOffset At, string ActorKind, string Actor, string Kind, string Text);

public sealed record RoleHolderDto(string Username, string DisplayName);

public sealed record TargetsDto(double? AcknowledgeWithinSeconds, double? MitigateWithinSeconds, double? UpdateEverySeconds, double? ReviewWithinSeconds);

public sealed record IncidentDetail(
    int Number,
    string Slug,
    string Title,
    string Severity,
    string SeverityName,
    string Status,
    string? Service,
    string? ServiceName,
    string? Description,
    string? Impact,
    bool IsDrill,
    DateTimeOffset DeclaredAt,
    DateTimeOffset? ImpactStartedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? IdentifiedAt,
    DateTimeOffset? MitigatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, RoleHolderDto?> Roles,
    IncidentMetricsDto Metrics,
    TargetsDto Targets,
    IReadOnlyList<string> AllowedTransitions,
    IReadOnlyList<ChecklistItemDto> Checklist,
    IReadOnlyList<TimelineEntryDto> Timeline,
    int Revision,
    bool AwaitingAcknowledgement,
    string? Resolution,
    string? TestSentBy);
