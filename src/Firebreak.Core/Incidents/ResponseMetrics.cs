namespace Firebreak.Core.Incidents;

/// <summary>
/// A duration that is final, still running ("so far") because the milestone is not reached yet, or never reached:
/// the incident ended without it (an alert resolved by its source before anyone acknowledged).
/// </summary>
public sealed record MetricValue(TimeSpan Duration, bool Running, bool Reached = true)
{
    /// <summary>Whether the milestone was reached within <paramref name="target"/>; null while that is still open.</summary>
    public bool? MetTarget(TimeSpan target) =>
        !Reached && !Running ? false
        : Duration > target ? false
        : Running ? null
        : true;

    public override string ToString() =>
        Running ? $"{DurationText.Format(Duration)} so far" : Reached ? DurationText.Format(Duration) : "not reached";
}

/// <summary>Time to detect, acknowledge, mitigate and resolve.</summary>
public sealed record ResponseMetrics(MetricValue? Ttd, MetricValue Tta, MetricValue Ttm, MetricValue Ttr)
{
    /// <summary>
    /// TTD runs from impact start to declaration and exists only when the impact start is known; the others run from
    /// declaration. A milestone not reached yet counts up to <paramref name="now"/>; one the incident was resolved
    /// without passing is not reached, and misses any target.
    /// </summary>
    public static ResponseMetrics Compute(IncidentTimestamps s, DateTimeOffset now)
    {
        var end = s.ResolvedAt ?? now;
        MetricValue? ttd = s.ImpactStartedAt is { } impact && impact <= s.DeclaredAt
            ? new MetricValue(s.DeclaredAt - impact, false)
            : null;
        return new ResponseMetrics(ttd, Since(s.AcknowledgedAt), Since(s.MitigatedAt), Since(s.ResolvedAt));

        MetricValue Since(DateTimeOffset? milestone) => milestone is { } m
            ? new MetricValue(Clamp(m - s.DeclaredAt), false)
            : new MetricValue(Clamp(end - s.DeclaredAt), s.ResolvedAt is null, Reached: false);
    }

    private static TimeSpan Clamp(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;
}

public static class DurationText
{
    /// <summary>Compact human form: 45s, 12m, 1h 05m, 2d 3h.</summary>
    public static string Format(TimeSpan t)
    {
        if (t < TimeSpan.Zero)
        {
            t = TimeSpan.Zero;
        }

        return t.TotalSeconds < 60 ? $"{(int)t.TotalSeconds}s"
            : t.TotalMinutes < 60 ? $"{(int)t.TotalMinutes}m"
            : t.TotalHours < 24 ? $"{(int)t.TotalHours}h {t.Minutes:00}m"
            : $"{(int)t.TotalDays}d {t.Hours}h";
    }
}
