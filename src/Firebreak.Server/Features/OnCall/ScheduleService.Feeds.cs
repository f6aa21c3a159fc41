using System.Globalization;
using Firebreak.Core.OnCall;
using Ical.Net.CalendarComponents;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using CalDateTime = Ical.Net.DataTypes.CalDateTime;
using Calendar = Ical.Net.Calendar;

namespace Firebreak.Server.Features.OnCall;

/// <summary>iCalendar feeds of the final timeline: one schedule's shifts, or one person's across every schedule.</summary>
public sealed partial class ScheduleService
{
    /// <summary>How far ahead a feed reaches; calendar apps poll, so the window slides forward by itself.</summary>
    public static readonly TimeSpan FeedAhead = TimeSpan.FromDays(60);

    // A week back keeps the shift in progress (and last week's, for "who had it?") whole rather than cut at "now".
    private static readonly TimeSpan s_feedBehind = TimeSpan.FromDays(7);

    /// <summary>The schedule's shifts as iCalendar text, one event per stretch with the same people; null when there is no such schedule.</summary>
    public async Task<string?> ScheduleFeedAsync(string key, CancellationToken ct)
    {
        var row = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            return null;
        }

        var calendar = NewCalendar($"On call: {row.Name}");
        foreach (var segment in Load(row).Timeline(FeedRange()).Where(s => !s.OnDuty.IsNobody))
        {
            calendar.Events.Add(Event(row, segment, string.Join(", ", segment.OnDuty.People)));
        }

        return new CalendarSerializer().SerializeToString(calendar);
    }

    /// <summary>One person's shifts on every schedule as iCalendar text.</summary>
    public async Task<string> UserFeedAsync(string username, CancellationToken ct)
    {
        var rows = await db.Schedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var calendar = NewCalendar($"On call: {username}");
        var range = FeedRange();
        foreach (var row in rows)
        {
            foreach (var segment in MergedFor(username, Load(row).Timeline(range)))
            {
                calendar.Events.Add(Event(row, segment, $"On call: {row.Name}"));
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private Interval FeedRange()
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        return new Interval(now - Duration.FromTimeSpan(s_feedBehind), now + Duration.FromTimeSpan(FeedAhead));
    }

    // Someone stays on while a colleague joins or leaves their shift; in their own calendar that is one event.
    private static List<ScheduleSegment> MergedFor(string username, IReadOnlyList<ScheduleSegment> timeline)
    {
        var merged = new List<ScheduleSegment>();
        foreach (var segment in timeline.Where(s => s.OnDuty.People.Contains(username, StringComparer.Ordinal)))
        {
            if (merged.Count > 0 && merged[^1].Interval.End == segment.Interval.Start)
            {
                merged[^1] = merged[^1] with { Interval = new Interval(merged[^1].Interval.Start, segment.Interval.End) };
            }
            else
            {
                merged.Add(segment);
            }
        }

        return merged;
    }

    private static Calendar NewCalendar(string name)
    {
        var calendar = new Calendar { ProductId = "-//Firebreak//On-call//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        return calendar;
    }

    // Times are written in UTC: every calendar app shows them in its own zone, and no VTIMEZONE can go stale.
    private CalendarEvent Event(ScheduleRecord row, ScheduleSegment segment, string summary) => new()
    {
        Uid = string.Create(CultureInfo.InvariantCulture, $"{row.Key}-{segment.Interval.Start.ToUnixTimeSeconds()}-{segment.Interval.End.ToUnixTimeSeconds()}@firebreak"),
        Summary = summary,
        Description = $"{row.Name} ({row.Key}): {string.Join(", ", segment.OnDuty.People)}{(segment.OnDuty.Overrides.Count > 0 ? " (override)" : "")}",
        DtStamp = Utc(clock.GetUtcNow()),
        DtStart = Utc(segment.Interval.Start.ToDateTimeOffset()),
        DtEnd = Utc(segment.Interval.End.ToDateTimeOffset()),
    };

    private static CalDateTime Utc(DateTimeOffset t) => new(t.UtcDateTime, "UTC", true);
}
