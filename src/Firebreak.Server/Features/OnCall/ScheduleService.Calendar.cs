using Firebreak.Server.Http;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Firebreak.Server.Features.OnCall;

/// <summary>A stretch of a timeline as the calendar draws it; nobody on is a block too, drawn as a gap.</summary>
public sealed record CalendarBlock(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> People, bool Override);

/// <summary>One layer's own blocks, so people see where the final timeline comes from.</summary>
public sealed record CalendarLayer(string Name, IReadOnlyList<CalendarBlock> Blocks);

/// <summary>Everything the schedule page shows: the schedule, its final and per-layer timelines over the range, and its overrides.</summary>
public sealed record ScheduleCalendarDto(
    ScheduleDto Schedule, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<CalendarBlock> Final,
    IReadOnlyList<CalendarLayer> Layers, IReadOnlyList<OverrideDto> Overrides);

/// <summary>Who is on a schedule now, until the next change, and the first gap ahead if any.</summary>
public sealed record OnCallNowDto(string Key, string Name, string TimeZone, IReadOnlyList<string> People, DateTimeOffset? Until, DateTimeOffset? NextGap);

/// <summary>Read models for the web UI: the on-call board and the schedule calendar.</summary>
public sealed partial class ScheduleService
{
    /// <summary>Every schedule's on-call now, for the home page panel and the schedules list.</summary>
    public async Task<IReadOnlyList<OnCallNowDto>> OnCallNowAsync(CancellationToken ct)
    {
        var rows = await db.Schedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var range = new Interval(now, now + Duration.FromTimeSpan(GapHorizon));
        return [.. rows.Select(row =>
        {
            var timeline = Load(row).Timeline(range);
            var current = timeline[0];
            var until = current.Interval.End < range.End ? current.Interval.End.ToDateTimeOffset() : (DateTimeOffset?)null;
            var gap = timeline.FirstOrDefault(s => s.OnDuty.IsNobody)?.Interval.Start.ToDateTimeOffset();
            return new OnCallNowDto(row.Key, row.Name, row.TimeZone, current.OnDuty.People, until, gap);
        })];
    }

    /// <summary>The schedule with its final and per-layer timelines over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<Outcome<ScheduleCalendarDto>> CalendarAsync(string key, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (RangeProblem(from, to) is { } problem)
        {
            return problem;
        }

        var row = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            return Failure.NotFound($"No schedule '{key}'.");
        }

        var schedule = Load(row);
        var range = new Interval(Instant.FromDateTimeOffset(from), Instant.FromDateTimeOffset(to));
        var final = schedule.Timeline(range)
            .Select(s => new CalendarBlock(s.Interval.Start.ToDateTimeOffset(), s.Interval.End.ToDateTimeOffset(), s.OnDuty.People, s.OnDuty.Overrides.Count > 0))
            .ToList();
        var layers = schedule.LayerTimelines(range)
            .Select((segments, i) => new CalendarLayer(schedule.Layers[i].Name, [.. segments.Select(s =>
                new CalendarBlock(s.Interval.Start.ToDateTimeOffset(), s.Interval.End.ToDateTimeOffset(), s.People, false))]))
            .ToList();
        return new ScheduleCalendarDto(ToDto(row), from, to, final, layers, OverrideList(row));
    }
}
