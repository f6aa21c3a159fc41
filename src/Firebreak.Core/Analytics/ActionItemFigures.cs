namespace Firebreak.Core.Analytics;

/// <summary>One follow-up: when it was opened and closed (done or won't do), and when it is due.</summary>
public sealed record ActionItemFacts(DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, DateOnly? DueOn);

/// <param name="Opened">Opened in the period.</param>
/// <param name="Closed">Closed in the period.</param>
/// <param name="OverdueNow">Not closed and past their due date today (UTC, as the action-item list judges it).</param>
public sealed record ActionItemFigures(int Opened, int Closed, int OverdueNow)
{
    public static ActionItemFigures Of(AnalyticsPeriod period, IReadOnlyList<ActionItemFacts> items, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return new ActionItemFigures(
            items.Count(a => period.Contains(a.CreatedAt)),
            items.Count(a => a.ClosedAt is { } closed && period.Contains(closed)),
            items.Count(a => a.ClosedAt is null && a.DueOn is { } due && due < today));
    }
}
