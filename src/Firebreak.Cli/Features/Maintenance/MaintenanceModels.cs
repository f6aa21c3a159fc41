namespace Firebreak.Cli.Features.Maintenance;

// The client's view of the server's contracts, with only what the CLI shows. Not the server's own types: the CLI is
// a plain HTTP client and must keep working against a server of a slightly different version.

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
