using System.Globalization;
using NodaTime;
using NodaTime.Calendars;

namespace Firebreak.Core.Analytics;

/// <summary>Incidents declared in one ISO week (Monday first; "2026-W49"), false positives among them.</summary>
public sealed record WeekCount(string Week, DateOnly Monday, int Incidents, int FalsePositives);

/// <summary>Incidents of one severity, and how many of them were false positives.</summary>
public sealed record FalsePositiveCount(string Severity, int Incidents, int FalsePositives)
{
    public double? Rate => Incidents == 0 ? null : (double)FalsePositives / Incidents;
}

public static class IncidentCounts
{
    /// <summary>Every ISO week the period touches, empty ones too, so a chart shows quiet weeks as quiet.</summary>
    public static IReadOnlyList<WeekCount> PerWeek(AnalyticsPeriod period, IReadOnlyList<IncidentFacts> incidents)
    {
        var byMonday = incidents.GroupBy(i => Monday(period.Date(i.Stamps.DeclaredAt)))
            .ToDictionary(g => g.Key, g => (Count: g.Count(), FalsePositives: g.Count(i => i.FalsePositive)));
        var weeks = new List<WeekCount>();
        var last = Monday(period.Date(period.To.AddTicks(-1)));
        for (var monday = Monday(period.Date(period.From)); monday <= last; monday = monday.PlusWeeks(1))
        {
            var (count, falsePositives) = byMonday.GetValueOrDefault(monday);
            weeks.Add(new WeekCount(WeekName(monday), monday.ToDateOnly(), count, falsePositives));
        }

        return weeks;
    }

    public static IReadOnlyList<FalsePositiveCount> FalsePositives(IReadOnlyList<IncidentFacts> incidents, IReadOnlyList<string> severityOrder) =>
        [.. incidents.GroupBy(i => i.Severity)
            .OrderBy(g => Rank(severityOrder, g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FalsePositiveCount(g.Key, g.Count(), g.Count(i => i.FalsePositive)))];

    public static string WeekName(LocalDate date) =>
        string.Create(CultureInfo.InvariantCulture, $"{WeekYearRules.Iso.GetWeekYear(date)}-W{WeekYearRules.Iso.GetWeekOfWeekYear(date):00}");

    internal static int Rank(IReadOnlyList<string> order, string key)
    {
        var index = order.IndexOf(key);
        return index < 0 ? int.MaxValue : index;
    }

    private static LocalDate Monday(LocalDate date) => date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));

    private static int IndexOf(this IReadOnlyList<string> list, string key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
