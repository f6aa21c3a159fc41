namespace Firebreak.Core.Analytics;

/// <summary>Response analytics over one period: what the analytics page draws and the API returns.</summary>
/// <param name="Incidents">Incidents counted (drills and tests only when asked for), false positives included.</param>
/// <param name="Overall">Response times over all of them but the false positives, as are the groups and compliance.</param>
public sealed record AnalyticsReport(
    DateTimeOffset From,
    DateTimeOffset To,
    string Zone,
    int Incidents,
    GroupTimes Overall,
    IReadOnlyList<GroupTimes> BySeverity,
    IReadOnlyList<GroupTimes> ByService,
    IReadOnlyList<GroupTimes> ByTeam,
    IReadOnlyList<GroupTimes> ByMonth,
    Compliance Compliance,
    IReadOnlyList<WeekCount> Weeks,
    IReadOnlyList<FalsePositiveCount> FalsePositives,
    IReadOnlyList<PersonLoad> OnCall,
    ActionItemFigures ActionItems)
{
    /// <param name="severityOrder">Severity keys most severe first, so groups read in that order.</param>
    public static AnalyticsReport Build(
        AnalyticsPeriod period, IReadOnlyList<IncidentFacts> incidents, IReadOnlyList<PageFacts> pages,
        IReadOnlyList<ActionItemFacts> actionItems, IReadOnlyList<string> severityOrder, DateTimeOffset now)
    {
        var real = incidents.Where(i => !i.FalsePositive).ToList();
        return new AnalyticsReport(
            period.From,
            period.To,
            period.Zone.Id,
            incidents.Count,
            new GroupTimes("all", real.Count, ResponseTimeGroups.Of(real, now)),
            ResponseTimeGroups.By(real, i => i.Severity, now, k => IncidentCounts.Rank(severityOrder, k)),
            ResponseTimeGroups.By(real, i => i.Service ?? ResponseTimeGroups.NoService, now),
            ResponseTimeGroups.By(real, i => i.Team ?? ResponseTimeGroups.NoTeam, now),
            ResponseTimeGroups.By(real, i => ResponseTimeGroups.Month(period, i), now),
            real.Aggregate(Compliance.Empty, (sum, i) => TargetCompliance.Add(sum, i, now)),
            IncidentCounts.PerWeek(period, incidents),
            IncidentCounts.FalsePositives(incidents, severityOrder),
            OnCallLoad.Of(pages),
            ActionItemFigures.Of(period, actionItems, now));
    }
}
