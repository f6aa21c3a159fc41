using System.Globalization;
using Firebreak.Core.Config;
using Firebreak.Core.Maintenance;

namespace Firebreak.Server.Features.Maintenance;

/// <summary>
/// A maintenance window as checked from what people write (API, web UI, config files), before it is a row. One
/// validator serves all three so a window the API refuses is refused by config too, with the same words.
/// </summary>
public sealed record MaintenanceSpec(
    string Reason, string Kind, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, IReadOnlyList<string> Days, string? StartTime,
    string? Cron, int? LengthSeconds, string TimeZone, bool Public = false, IReadOnlyList<string>? PublicComponents = null)
{
    public IReadOnlyList<string> Components => PublicComponents ?? [];

    /// <summary>Checks a request; errors are keyed reason, length and schedule. The zone defaults to the service's, then UTC.</summary>
    public static (MaintenanceSpec? Spec, Dictionary<string, string[]> Errors) From(CreateMaintenanceRequest r, string? serviceZone)
    {
        var errors = new Dictionary<string, string[]>();
        var reason = r.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
        {
            errors["reason"] = ["Say why, in 1–500 characters (it is shown next to every suppressed alert)."];
        }

        var kind = r.Kind?.Trim().ToLowerInvariant() ?? MaintenanceKinds.Once;
        var length = TimeSpan.Zero;
        if (kind is MaintenanceKinds.Weekly or MaintenanceKinds.Cron && !DurationParser.TryParse(r.Length, out length))
        {
            errors["length"] = [$"'{r.Length}' is not a duration up to {DurationParser.LongestText}; write e.g. 2h or 90m."];
        }

        var zone = r.TimeZone ?? serviceZone ?? "UTC";
        string? scheduleError = kind switch
        {
            MaintenanceKinds.Once when r.StartsAt is null || r.EndsAt is null => "A one-off window needs a start and an end (startsAt and endsAt; from and to in config).",
            MaintenanceKinds.Once when r.EndsAt <= r.StartsAt => "The end must be after the start.",
            MaintenanceKinds.Once => null,
            MaintenanceKinds.Weekly when !errors.ContainsKey("length") => MaintenanceScheduleParser.Weekly(r.Days ?? [], r.StartTime, length, zone).Error,
            MaintenanceKinds.Cron when !errors.ContainsKey("length") => MaintenanceScheduleParser.Cron(r.Cron, length, zone).Error,
            MaintenanceKinds.Weekly or MaintenanceKinds.Cron => null,
            _ => $"Unknown kind '{r.Kind}'. Use once, weekly or cron.",
        };
        if (scheduleError is not null)
        {
            errors["schedule"] = [scheduleError];
        }

        var components = (r.Components ?? []).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (components.Count > 0 && r.Public != true)
        {
            errors["components"] = ["Components are what a public window shows as under maintenance; set public: true, or leave them out."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var once = kind == MaintenanceKinds.Once;
        return (new MaintenanceSpec(
            reason!,
            kind,
            once ? r.StartsAt!.Value.ToUniversalTime() : null,
            once ? r.EndsAt!.Value.ToUniversalTime() : null,
            kind == MaintenanceKinds.Weekly ? [.. r.Days!.Select(d => d.Trim().ToLowerInvariant())] : [],
            kind == MaintenanceKinds.Weekly ? r.StartTime : null,
            kind == MaintenanceKinds.Cron ? r.Cron : null,
            once ? null : (int)length.TotalSeconds,
            zone,
            r.Public == true,
            components), errors);
    }

    public static MaintenanceSpec Of(MaintenanceWindow w) =>
        new(w.Reason, w.Kind, w.StartsAt, w.EndsAt, w.Days, w.StartTime, w.Cron, w.LengthSeconds, w.TimeZone, w.Public, w.Components);

    public MaintenanceWindow ToWindow(long serviceId, string createdBy, DateTimeOffset createdAt)
    {
        var window = new MaintenanceWindow { ServiceId = serviceId, Reason = Reason, Kind = Kind, TimeZone = TimeZone, CreatedAt = createdAt, CreatedBy = createdBy };
        CopyTo(window);
        return window;
    }

    public void CopyTo(MaintenanceWindow w)
    {
        w.Reason = Reason;
        w.Kind = Kind;
        w.StartsAt = StartsAt;
        w.EndsAt = EndsAt;
        w.Days = [.. Days];
        w.StartTime = StartTime;
        w.Cron = Cron;
        w.LengthSeconds = LengthSeconds;
        w.TimeZone = TimeZone;
        w.Public = Public;
        w.Components = [.. Components];
    }

    /// <summary>The recurrence in words, e.g. "every Sunday at 02:00 for 2h (Europe/Berlin)".</summary>
    public string Describe()
    {
        var length = LengthSeconds is { } s ? DurationParser.Format(TimeSpan.FromSeconds(s)) : "";
        return Kind switch
        {
            MaintenanceKinds.Weekly => $"every {DayList()} at {StartTime} for {length} ({TimeZone})",
            MaintenanceKinds.Cron => $"cron '{Cron}' for {length} ({TimeZone})",
            _ => $"once, {Utc(StartsAt)} to {Utc(EndsAt)}",
        };
    }

    private string DayList()
    {
        var names = Days.Select(DayName).ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }

    private static string DayName(string day) => day[..3] switch
    {
        "mon" => "Monday",
        "tue" => "Tuesday",
        "wed" => "Wednesday",
        "thu" => "Thursday",
        "fri" => "Friday",
        "sat" => "Saturday",
        "sun" => "Sunday",
        _ => day,
    };

    private static string Utc(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "?";
}
