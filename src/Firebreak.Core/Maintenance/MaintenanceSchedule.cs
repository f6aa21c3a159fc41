using Cronos;
using NodaTime;
using NodaTime.Text;

namespace Firebreak.Core.Maintenance;

/// <summary>
/// When a maintenance window is in force: once (a fixed UTC range), weekly (days and a local start time in the
/// service's time zone, for a duration), or by a cron expression in that zone. Local times follow the zone's DST rules,
/// so "Sunday 02:00 for 2h" is 02:00 on the wall clock in winter and in summer.
/// </summary>
public abstract record MaintenanceSchedule
{
    public abstract bool IsActive(DateTimeOffset now);

    /// <summary>The next start at or after <paramref name="from"/>, for display; null when none is coming.</summary>
    public abstract DateTimeOffset? NextStart(DateTimeOffset from);

    public static MaintenanceSchedule Once(DateTimeOffset start, DateTimeOffset end) => new OnceSchedule(start, end);
}

public sealed record OnceSchedule(DateTimeOffset Start, DateTimeOffset End) : MaintenanceSchedule
{
    public override bool IsActive(DateTimeOffset now) => now >= Start && now < End;

    public override DateTimeOffset? NextStart(DateTimeOffset from) => Start >= from ? Start : null;
}

public sealed record WeeklySchedule(IReadOnlySet<IsoDayOfWeek> Days, LocalTime StartTime, Duration Length, DateTimeZone Zone) : MaintenanceSchedule
{
    public override bool IsActive(DateTimeOffset now)
    {
        var instant = Instant.FromDateTimeOffset(now);
        var today = instant.InZone(Zone).Date;
        // A window that started on an earlier day may still be running (e.g. Saturday 23:00 for 3 hours).
        var lookBackDays = (int)Math.Ceiling(Length.TotalDays) + 1;
        for (var back = 0; back <= lookBackDays; back++)
        {
            var day = today.PlusDays(-back);
            if (!Days.Contains(day.DayOfWeek))
            {
                continue;
            }

            var start = Zone.AtLeniently(day + StartTime).ToInstant();
            if (instant >= start && instant < start + Length)
            {
                return true;
            }
        }

        return false;
    }

    public override DateTimeOffset? NextStart(DateTimeOffset from)
    {
        var instant = Instant.FromDateTimeOffset(from);
        var today = instant.InZone(Zone).Date;
        for (var ahead = 0; ahead <= 7; ahead++)
        {
            var day = today.PlusDays(ahead);
            var start = Zone.AtLeniently(day + StartTime).ToInstant();
            if (Days.Contains(day.DayOfWeek) && start >= instant)
            {
                return start.ToDateTimeOffset();
            }
        }

        return null;
    }
}

public sealed record CronSchedule(CronExpression Expression, Duration Length, DateTimeZone Zone, TimeZoneInfo ZoneInfo) : MaintenanceSchedule
{
    public override bool IsActive(DateTimeOffset now) =>
        Expression.GetOccurrences(now - Length.ToTimeSpan(), now, ZoneInfo, fromInclusive: true, toInclusive: true)
            .Any(start => now < start + Length.ToTimeSpan());

    public override DateTimeOffset? NextStart(DateTimeOffset from) => Expression.GetNextOccurrence(from, ZoneInfo, inclusive: true);
}

/// <summary>Parses the schedule fields people write, with errors that say what to write instead.</summary>
public static class MaintenanceScheduleParser
{
    private static readonly LocalTimePattern s_time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static DateTimeZone? Zone(string? id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(string.IsNullOrWhiteSpace(id) ? "UTC" : id.Trim());

    public static (MaintenanceSchedule? Schedule, string? Error) Weekly(IEnumerable<string> days, string? startTime, TimeSpan length, string? zoneId)
    {
        var zone = Zone(zoneId);
        if (zone is null)
        {
            return (null, $"unknown time zone '{zoneId}'; use an IANA name such as Europe/Berlin");
        }

        var parsedDays = new HashSet<IsoDayOfWeek>();
        foreach (var d in days)
        {
            if (!TryDay(d, out var day))
            {
                return (null, $"'{d}' is not a weekday; use monday … sunday (or mon … sun)");
            }

            parsedDays.Add(day);
        }

        if (parsedDays.Count == 0)
        {
            return (null, "a weekly window needs at least one day");
        }

        var time = s_time.Parse(startTime ?? "");
        if (!time.Success)
        {
            return (null, $"start time '{startTime}' is not HH:mm (24-hour), e.g. 02:00");
        }

        return length <= TimeSpan.Zero || length > TimeSpan.FromDays(7)
            ? (null, "the length must be between 1 minute and 7 days")
            : (new WeeklySchedule(parsedDays, time.Value, Duration.FromTimeSpan(length), zone), null);
    }

    public static (MaintenanceSchedule? Schedule, string? Error) Cron(string? expression, TimeSpan length, string? zoneId)
    {
        var zone = Zone(zoneId);
        var info = zone is null ? null : TimeZoneInfo.FindSystemTimeZoneById(zone.Id);
        if (zone is null || info is null)
        {
            return (null, $"unknown time zone '{zoneId}'; use an IANA name such as Europe/Berlin");
        }

        try
        {
            var cron = CronExpression.Parse(expression ?? "", CronFormat.Standard);
            return length <= TimeSpan.Zero || length > TimeSpan.FromDays(7)
                ? (null, "the length must be between 1 minute and 7 days")
                : (new CronSchedule(cron, Duration.FromTimeSpan(length), zone, info), null);
        }
        catch (CronFormatException ex)
        {
            return (null, $"'{expression}' is not a 5-field cron expression (minute hour day month weekday): {ex.Message}");
        }
    }

    private static bool TryDay(string text, out IsoDayOfWeek day)
    {
        day = text.Trim().ToUpperInvariant() switch
        {
            "MON" or "MONDAY" => IsoDayOfWeek.Monday,
            "TUE" or "TUES" or "TUESDAY" => IsoDayOfWeek.Tuesday,
            "WED" or "WEDNESDAY" => IsoDayOfWeek.Wednesday,
            "THU" or "THUR" or "THURS" or "THURSDAY" => IsoDayOfWeek.Thursday,
            "FRI" or "FRIDAY" => IsoDayOfWeek.Friday,
            "SAT" or "SATURDAY" => IsoDayOfWeek.Saturday,
            "SUN" or "SUNDAY" => IsoDayOfWeek.Sunday,
            _ => IsoDayOfWeek.None,
        };
        return day != IsoDayOfWeek.None;
    }
}
