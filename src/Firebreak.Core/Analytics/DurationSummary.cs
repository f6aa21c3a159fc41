namespace Firebreak.Core.Analytics;

/// <summary>How many durations were measured, and their median and 90th percentile in seconds (null when none were).</summary>
public sealed record DurationSummary(int Count, double? MedianSeconds, double? P90Seconds)
{
    public static readonly DurationSummary Empty = new(0, null, null);

    public static DurationSummary Of(IEnumerable<TimeSpan> durations)
    {
        var seconds = durations.Select(d => d.TotalSeconds).ToList();
        return new DurationSummary(seconds.Count, Percentiles.Of(seconds, 0.5), Percentiles.Of(seconds, 0.9));
    }
}

/// <summary>Time to detect, acknowledge, mitigate and resolve over a set of incidents.</summary>
public sealed record ResponseTimes(DurationSummary Ttd, DurationSummary Tta, DurationSummary Ttm, DurationSummary Ttr);

/// <summary>The response times of one severity, service, team or month.</summary>
public sealed record GroupTimes(string Group, int Incidents, ResponseTimes Times);
