namespace Firebreak.Core.StatusPage;

/// <summary>One day of a component's uptime bar: the share of the day it was not in an outage, and its worst status.</summary>
public sealed record UptimeDay(DateOnly Day, double Uptime, string Worst);

/// <summary>
/// Daily uptime from a component's status history. Partial and major outages count as down; degraded performance and
/// maintenance count as up (the service answered), but still colour the day by its worst status.
/// </summary>
public static class UptimeDays
{
    /// <param name="changes">Each status change, oldest first; the status before the first is operational.</param>
    public static IReadOnlyList<UptimeDay> Of(IReadOnlyList<(DateTimeOffset At, string Status)> changes, DateTimeOffset now, int days)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var result = new List<UptimeDay>(days);
        for (var d = days - 1; d >= 0; d--)
        {
            var day = today.AddDays(-d);
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var end = d == 0 ? now : start.AddDays(1);
            result.Add(Day(changes, day, start, end));
        }

        return result;
    }

    private static UptimeDay Day(IReadOnlyList<(DateTimeOffset At, string Status)> changes, DateOnly day, DateTimeOffset start, DateTimeOffset end)
    {
        var status = changes.LastOrDefault(c => c.At <= start).Status ?? ComponentStatus.Operational;
        var worst = status;
        var down = TimeSpan.Zero;
        var from = start;
        foreach (var change in changes.Where(c => c.At > start && c.At < end))
        {
            down += IsDown(status) ? change.At - from : TimeSpan.Zero;
            (from, status) = (change.At, change.Status);
            worst = Worse(worst, status);
        }

        down += IsDown(status) ? end - from : TimeSpan.Zero;
        var length = end - start;
        return new UptimeDay(day, length <= TimeSpan.Zero ? 1 : 1 - (down / length), worst);
    }

    private static bool IsDown(string status) => status is ComponentStatus.PartialOutage or ComponentStatus.MajorOutage;

    private static string Worse(string a, string b) => Rank(b) > Rank(a) ? b : a;

    private static int Rank(string status) => status switch
    {
        ComponentStatus.MajorOutage => 4,
        ComponentStatus.PartialOutage => 3,
        ComponentStatus.DegradedPerformance => 2,
        ComponentStatus.UnderMaintenance => 1,
        _ => 0,
    };
}
