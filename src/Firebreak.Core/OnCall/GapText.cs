using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Firebreak.Core.OnCall;

/// <summary>Gaps in a schedule's cover said the way the people who must fill them read a rota: local weekday and time.</summary>
public static class GapText
{
    private static readonly LocalDateTimePattern s_full = LocalDateTimePattern.CreateWithInvariantCulture("ddd uuuu-MM-dd HH:mm");
    private static readonly LocalDateTimePattern s_sameWeek = LocalDateTimePattern.CreateWithInvariantCulture("ddd HH:mm");
    private static readonly LocalDateTimePattern s_sameDay = LocalDateTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>
    /// "nobody on call Sat 2026-11-28 00:00 – Mon 09:00 (Europe/Berlin)". The end names only as much as a reader needs
    /// after the start; a gap that runs to the end of <paramref name="checkedUntil"/> is said to, since it may go on.
    /// </summary>
    public static string Describe(Interval gap, DateTimeZone zone, Instant checkedUntil)
    {
        var start = gap.Start.InZone(zone).LocalDateTime;
        if (gap.End >= checkedUntil)
        {
            return $"nobody on call from {s_full.Format(start)} ({zone.Id}) to the end of the period checked";
        }

        var end = gap.End.InZone(zone).LocalDateTime;
        var days = Period.Between(start.Date, end.Date, PeriodUnits.Days).Days;
        var endText = days == 0 ? s_sameDay.Format(end) : days < 7 ? s_sameWeek.Format(end) : s_full.Format(end);
        return $"nobody on call {s_full.Format(start)} – {endText} ({zone.Id})";
    }

    /// <summary>One line per gap of <paramref name="schedule"/> in <paramref name="range"/>, at most <paramref name="limit"/>
    /// and then how many more: a business-hours schedule has dozens, and the first few say what is wrong.</summary>
    public static IReadOnlyList<string> Lines(Schedule schedule, Interval range, int limit = 5)
    {
        var gaps = schedule.Gaps(range);
        var lines = gaps.Take(limit).Select(g => Describe(g, schedule.Zone, range.End)).ToList();
        if (gaps.Count > limit)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{gaps.Count - limit} more gap(s) in the {(range.End - range.Start).TotalDays:0} days checked"));
        }

        return lines;
    }
}
