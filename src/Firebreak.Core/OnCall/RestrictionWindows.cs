using NodaTime;

namespace Firebreak.Core.OnCall;

/// <summary>The instants a layer's restrictions allow within a range, merged and in order.</summary>
internal sealed class RestrictionWindows
{
    private readonly List<Interval> _windows;
    private int _next;

    private RestrictionWindows(List<Interval> windows) => _windows = windows;

    /// <summary>Null when there are no restrictions, which means always allowed.</summary>
    public static RestrictionWindows? Allowed(IReadOnlyList<Restriction> restrictions, DateTimeZone zone, Interval range)
    {
        if (restrictions.Count == 0)
        {
            return null;
        }

        var windows = new List<Interval>();
        // A window that started up to a week before the range (Friday 17:00 to Monday 09:00) may still be open.
        var first = range.Start.InZone(zone).Date.Minus(Restriction.LongestWindow);
        var last = range.End.InZone(zone).Date;
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            foreach (var restriction in restrictions)
            {
                foreach (var (start, end) in restriction.WindowsStartingOn(date))
                {
                    var from = zone.AtLeniently(start).ToInstant();
                    var to = zone.AtLeniently(end).ToInstant();
                    if (from < range.End && to > range.Start && from < to)
                    {
                        windows.Add(new Interval(from, to));
                    }
                }
            }
        }

        return new RestrictionWindows(Merge(windows));
    }

    /// <summary>The allowed parts of [start, end). Calls must come in increasing order of <paramref name="start"/>.</summary>
    public IEnumerable<Interval> Within(Instant start, Instant end)
    {
        while (_next < _windows.Count && _windows[_next].End <= start)
        {
            _next++;
        }

        for (var i = _next; i < _windows.Count && _windows[i].Start < end; i++)
        {
            var from = _windows[i].Start > start ? _windows[i].Start : start;
            var to = _windows[i].End < end ? _windows[i].End : end;
            yield return new Interval(from, to);
        }
    }

    private static List<Interval> Merge(List<Interval> windows)
    {
        var merged = new List<Interval>();
        foreach (var w in windows.OrderBy(w => w.Start))
        {
            if (merged.Count > 0 && w.Start <= merged[^1].End)
            {
                merged[^1] = new Interval(merged[^1].Start, w.End > merged[^1].End ? w.End : merged[^1].End);
            }
            else
            {
                merged.Add(w);
            }
        }

        return merged;
    }
}
