using System.Globalization;
using Firebreak.Server.Features.Maintenance;

namespace Firebreak.Server.Features.Maintenance.Pages;

/// <summary>The new-window form as the admin fills it in. One-off times are typed in UTC, as every time on screen is.</summary>
public sealed class WindowDraft
{
    public static IReadOnlyList<(string Key, string Label)> Week { get; } =
        [("mon", "Mon"), ("tue", "Tue"), ("wed", "Wed"), ("thu", "Thu"), ("fri", "Fri"), ("sat", "Sat"), ("sun", "Sun")];

    public string Service { get; set; } = "";

    public string Reason { get; set; } = "";

    public string Kind { get; set; } = MaintenanceKinds.Once;

    public DateTime? StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }

    public HashSet<string> Days { get; } = [];

    public TimeOnly? StartTime { get; set; } = new(2, 0);

    public string Cron { get; set; } = "";

    public string Length { get; set; } = "2h";

    public string TimeZone { get; set; } = "";

    public bool Public { get; set; }

    public string Components { get; set; } = "";

    /// <summary>Most one-off windows are "from now, for a while": start now, for an hour, unless changed.</summary>
    public static WindowDraft StartingAt(DateTimeOffset now, string service)
    {
        var start = now.UtcDateTime.AddTicks(-(now.UtcDateTime.Ticks % TimeSpan.TicksPerMinute));
        return new WindowDraft { Service = service, StartsAt = start, EndsAt = start.AddHours(1) };
    }

    public void Toggle(string day)
    {
        if (!Days.Remove(day))
        {
            Days.Add(day);
        }
    }

    public CreateMaintenanceRequest ToRequest() => new(
        Reason,
        Kind,
        Utc(StartsAt),
        Utc(EndsAt),
        [.. Week.Select(d => d.Key).Where(Days.Contains)],
        StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
        Cron,
        Length,
        string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim(),
        Public,
        Public ? [.. Components.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null);

    private static DateTimeOffset? Utc(DateTime? at) => at is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
