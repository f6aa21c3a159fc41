using System.Globalization;
using NodaTime;

namespace Firebreak.Server.Features.OnCall.Pages;

/// <summary>A cell of the calendar: a day (row) and a half hour of it (column).</summary>
public readonly record struct CalendarCell(int Day, int Slot)
{
    public int Index => (Day * CalendarGrid.SlotsPerDay) + Slot;
}

/// <summary>Where a block sits within a day's row, as percentages of the row's width.</summary>
public readonly record struct BlockPlacement(double Left, double Width);

/// <summary>
/// The calendar's geometry: days in the schedule's own time zone (people think of a shift as "Tuesday night" there),
/// hours across in half-hour cells. A cell's instant is its local time read leniently, like hand-offs are, so the
/// skipped hour of a spring-forward night selects the hour after it rather than failing.
/// </summary>
public sealed class CalendarGrid(DateTimeZone zone, LocalDate firstDay, int days)
{
    public const int SlotsPerDay = 48;

    public DateTimeZone Zone => zone;

    public int Days => days;

    public LocalDate Day(int day) => firstDay.PlusDays(day);

    public DateTimeOffset Start => DayStart(0);

    public DateTimeOffset End => DayStart(days);

    public static CalendarGrid Starting(DateTimeZone zone, DateTimeOffset now, int days) =>
        new(zone, Instant.FromDateTimeOffset(now).InZone(zone).Date, days);

    public DateTimeOffset DayStart(int day) => zone.AtStartOfDay(firstDay.PlusDays(day)).ToDateTimeOffset();

    /// <summary>The instant a cell starts; the cell after the last of a day is the next day's midnight.</summary>
    public DateTimeOffset CellStart(int index)
    {
        var local = firstDay.AtMidnight().PlusMinutes(index * 30L);
        return zone.AtLeniently(local).ToDateTimeOffset();
    }

    /// <summary>The range a drag covers, whichever way it went: from the earlier cell's start to the later cell's end.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Range(CalendarCell a, CalendarCell b) =>
        (CellStart(Math.Min(a.Index, b.Index)), CellStart(Math.Max(a.Index, b.Index) + 1));

    /// <summary>
    /// Where [from, to) falls in a day's row by local time of day, or null when it misses the day. Local time keeps
    /// the hour columns true on the two DST days a year, at the price of a short overlap on the fall-back night.
    /// </summary>
    public BlockPlacement? Place(int day, DateTimeOffset from, DateTimeOffset to)
    {
        var start = DayStart(day);
        var end = DayStart(day + 1);
        if (to <= start || from >= end)
        {
            return null;
        }

        var left = from <= start ? 0 : MinuteOfDay(from);
        var right = to >= end ? 1440 : MinuteOfDay(to);
        return right <= left ? null : new BlockPlacement(left / 14.4, (right - left) / 14.4);
    }

    public string LocalText(DateTimeOffset t) =>
        Instant.FromDateTimeOffset(t).InZone(zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    /// <summary>What a datetime-local input shows for <paramref name="t"/>: its wall-clock time in the schedule's zone.</summary>
    public System.DateTime InputValue(DateTimeOffset t) => Instant.FromDateTimeOffset(t).InZone(zone).LocalDateTime.ToDateTimeUnspecified();

    /// <summary>A datetime-local input's wall-clock time read in the schedule's zone.</summary>
    public DateTimeOffset? FromInput(System.DateTime? local) =>
        local is { } value ? zone.AtLeniently(LocalDateTime.FromDateTime(value)).ToDateTimeOffset() : null;

    private double MinuteOfDay(DateTimeOffset t)
    {
        var local = Instant.FromDateTimeOffset(t).InZone(zone).TimeOfDay;
        return (local.Hour * 60) + local.Minute + (local.Second / 60.0);
    }

    /// <summary>A steady colour per person, so the same name looks the same in every row and on every visit.</summary>
    public static string Colour(IReadOnlyList<string> people)
    {
        if (people.Count == 0)
        {
            return "transparent";
        }

        var hash = 17;
        foreach (var c in string.Join(",", people))
        {
            hash = unchecked((hash * 31) + c);
        }

        return string.Create(CultureInfo.InvariantCulture, $"hsl({(hash & 0x7fffffff) % 360}, 55%, 38%)");
    }
}
