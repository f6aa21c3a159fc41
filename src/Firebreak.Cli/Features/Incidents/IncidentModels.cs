namespace Firebreak.Cli.Features.Incidents;

// The client's view of the server's contracts, with only what the CLI shows. Not the server's own types: the CLI is
// a plain HTTP client and must keep working against a server of a slightly different version.

internal sealed record IncidentSummaryModel(
    int Number,
    string Slug,
    string Title,
    string Severity,
    string Status,
    string? Service,
    bool IsDrill,
    DateTimeOffset DeclaredAt,
    string? Commander);

/// <param name="TargetMet">The server's verdict against the severity's target: null while still running within it (or with no target).</param>
internal sealed record MetricModel(double Seconds, bool Running, string Text, bool? TargetMet = null);

internal sealed record MetricsModel(MetricModel? Ttd, MetricModel? Tta, MetricModel? Ttm, MetricModel? Ttr);

internal sealed record TargetsModel(double? AcknowledgeWithinSeconds, double? MitigateWithinSeconds);

internal sealed record RoleHolderModel(string Username, string DisplayName);

internal sealed record ChecklistItemModel(long Id, string Text, bool Done, string? DoneBy);

internal sealed record TimelineEntryModel(DateTimeOffset At, string Actor, string Kind, string Text);

internal sealed record IncidentDetailModel(
    int Number,
    string Slug,
    string Title,
    string Severity,
    string? SeverityName,
    string Status,
    string? Service,
    string? ServiceName,
    string? Description,
    string? Impact,
    bool IsDrill,
    DateTimeOffset DeclaredAt,
    Dictionary<string, RoleHolderModel?>? Roles,
    MetricsModel? Metrics,
    TargetsModel? Targets,
    List<string>? AllowedTransitions,
    List<ChecklistItemModel>? Checklist,
    List<TimelineEntryModel>? Timeline,
    DateTimeOffset? ImpactStartedAt = null);
