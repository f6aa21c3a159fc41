using Firebreak.Core.Maintenance;
using Firebreak.Server.Features.Catalog;

namespace Firebreak.Server.Features.Maintenance;

/// <summary>A time when a service's alerts are recorded and shown but open no paging incident.</summary>
public sealed class MaintenanceWindow
{
    public long Id { get; set; }
    public long ServiceId { get; set; }
    public Service? Service { get; set; }
    public required string Reason { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public List<string> Days { get; set; } = [];
    public string? StartTime { get; set; }
    public string? Cron { get; set; }
    public int? LengthSeconds { get; set; }
    public required string TimeZone { get; set; }
    /// <summary>Shown on the public status page as scheduled maintenance, its reason as the title.</summary>
    public bool Public { get; set; }

    /// <summary>Status page component keys it affects; empty takes the components its service feeds.</summary>
    public List<string> Components { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>The schedule this row describes; rows are validated when created, so this does not fail.</summary>
    public MaintenanceSchedule Schedule() => Kind switch
    {
        MaintenanceKinds.Weekly => MaintenanceScheduleParser.Weekly(Days, StartTime, TimeSpan.FromSeconds(LengthSeconds ?? 0), TimeZone).Schedule!,
        MaintenanceKinds.Cron => MaintenanceScheduleParser.Cron(Cron, TimeSpan.FromSeconds(LengthSeconds ?? 0), TimeZone).Schedule!,
        _ => MaintenanceSchedule.Once(StartsAt!.Value, EndsAt!.Value),
    };
}

public static class MaintenanceKinds
{
    public const string Once = "once";
    public const string Weekly = "weekly";
    public const string Cron = "cron";
}
