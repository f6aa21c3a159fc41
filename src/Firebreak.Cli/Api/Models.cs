namespace Firebreak.Cli.Api;

// The client's view of the server's contracts, with only what the CLI shows. This project must not reference the
// server: it is a plain HTTP client and must keep working against a server of a slightly different version.

internal sealed record MeModel(string Username, string Role);

internal sealed record TokenModel(long Id, string Name, string Prefix, string Role, string Owner);

internal sealed record CreatedTokenModel(TokenModel Token, string Secret);

internal sealed record UserModel(string Username, string DisplayName, string? Email, string Role, bool Disabled, string? TimeZone, List<string>? Warnings);

internal sealed record PasswordResetModel(string Username, string Password, string Note);

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

internal sealed record MetricModel(double Seconds, bool Running, string Text);

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
    List<TimelineEntryModel>? Timeline);

internal sealed record IntegrationSnippetsModel(string Url, string? AlertmanagerWebhook, string? AlertmanagerPagerDuty, string? Grafana, string Curl);

internal sealed record RoutingRuleModel(string? Name, List<string>? Match, string? Service, string? Severity, bool? Drop);

internal sealed record IntegrationModel(
    long Id,
    string Name,
    string Kind,
    string Key,
    string? Service,
    List<string>? GroupBy,
    int GroupWindowSeconds,
    int? RatePerMinute,
    List<RoutingRuleModel>? Rules,
    bool Disabled,
    DateTimeOffset CreatedAt,
    IntegrationSnippetsModel? Snippets);

internal sealed record IntakeResultModel(string DedupKey, string Outcome, long? AlertId, int? IncidentNumber);

internal sealed record DryRunResultModel(
    string DedupKey, string Summary, Dictionary<string, string>? Labels, string? Rule, string? Service, string Severity, bool Drop, string GroupKey);

internal sealed record AlertSummaryModel(
    long Id,
    string Integration,
    string DedupKey,
    string Status,
    string Summary,
    string Severity,
    string SeverityKey,
    string? Source,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? ResolvedAt,
    int Occurrences,
    int? IncidentNumber,
    string? IncidentSlug,
    string? SuppressedBy);

internal sealed record AlertEventModel(long Id, DateTimeOffset At, string Action, string Outcome, string? Summary);

internal sealed record AlertDetailModel(
    AlertSummaryModel Alert, Dictionary<string, string>? Labels, Dictionary<string, string>? Annotations, List<AlertEventModel>? Events);

internal sealed record MoveResultModel(long AlertId, int FromIncident, int ToIncident);

internal sealed record MaintenanceModel(
    long Id,
    string Service,
    string Reason,
    string Kind,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    List<string>? Days,
    string? StartTime,
    string? Cron,
    int? LengthSeconds,
    string TimeZone,
    bool ActiveNow,
    DateTimeOffset? NextStart,
    string CreatedBy);

internal sealed record OnCallModel(string Schedule, DateTimeOffset At, List<string> People, string? Layer, bool Override);

internal sealed record GapModel(DateTimeOffset From, DateTimeOffset To);

internal sealed record ScheduleModel(string Key, string Name, string TimeZone, List<string> OnCallNow, List<GapModel> Gaps);

internal sealed record LayerModel(string? Name, List<List<string>> Participants);

internal sealed record ScheduleLayersModel(string Key, string Name, string TimeZone, List<LayerModel> Layers, List<string> OnCallNow);
internal sealed record OverrideModel(string Id, string Person, DateTimeOffset From, DateTimeOffset To, string Mode);
