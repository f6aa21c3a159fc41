using System.Globalization;
using Firebreak.Core.Incidents;

namespace Firebreak.Core.Analytics;

/// <summary>
/// Response times over incidents that were real (false positives are counted apart: a quick "nothing was wrong" would
/// flatter the figures). Only milestones reached count: an incident never acknowledged adds nothing to TTA (it misses
/// its acknowledge target instead), and TTD needs a known impact start.
/// </summary>
public static class ResponseTimeGroups
{
    public const string NoService = "(no service)";
    public const string NoTeam = "(no team)";

    public static ResponseTimes Of(IEnumerable<IncidentFacts> incidents, DateTimeOffset now)
    {
        var metrics = incidents.Select(i => ResponseMetrics.Compute(i.Stamps, now)).ToList();
        return new ResponseTimes(
            DurationSummary.Of(metrics.Where(m => m.Ttd is not null).Select(m => m.Ttd!.Duration)),
            Reached(metrics.Select(m => m.Tta)),
            Reached(metrics.Select(m => m.Ttm)),
            Reached(metrics.Select(m => m.Ttr)));

        static DurationSummary Reached(IEnumerable<MetricValue> values) =>
            DurationSummary.Of(values.Where(v => v.Reached && !v.Running).Select(v => v.Duration));
    }

    public static IReadOnlyList<GroupTimes> By(IEnumerable<IncidentFacts> incidents, Func<IncidentFacts, string> key, DateTimeOffset now, Func<string, int>? rank = null) =>
        [.. incidents.GroupBy(key)
            .OrderBy(g => rank?.Invoke(g.Key) ?? 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupTimes(g.Key, g.Count(), Of(g, now)))];

    public static string Month(AnalyticsPeriod period, IncidentFacts incident) =>
        period.Date(incident.Stamps.DeclaredAt).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
