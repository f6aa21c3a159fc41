namespace Firebreak.Cli.Features.Intake;

// The client's view of the server's contracts, with only what the CLI shows. Not the server's own types: the CLI is
// a plain HTTP client and must keep working against a server of a slightly different version.

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
