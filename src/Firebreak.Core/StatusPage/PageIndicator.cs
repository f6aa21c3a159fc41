namespace Firebreak.Core.StatusPage;

/// <summary>The page's one-line status (Statuspage's <c>status.indicator</c> and <c>description</c>).</summary>
public sealed record PageIndicator(string Indicator, string Description)
{
    public const string None = "none";
    public const string Minor = "minor";
    public const string Major = "major";
    public const string Critical = "critical";
    public const string Maintenance = "maintenance";

    /// <summary>
    /// The worst component decides: any major outage is critical, a partial outage major, degraded performance minor.
    /// Maintenance shows only when nothing is broken, since an outage elsewhere is what a reader needs to see first.
    /// </summary>
    public static PageIndicator Of(IEnumerable<string> componentStatuses)
    {
        var statuses = componentStatuses.ToHashSet(StringComparer.Ordinal);
        if (statuses.Contains(ComponentStatus.MajorOutage))
        {
            return new(Critical, "Major System Outage");
        }

        if (statuses.Contains(ComponentStatus.PartialOutage))
        {
            return new(Major, "Partial System Outage");
        }

        if (statuses.Contains(ComponentStatus.DegradedPerformance))
        {
            return new(Minor, "Minor Service Outage");
        }

        return statuses.Contains(ComponentStatus.UnderMaintenance)
            ? new(Maintenance, "Service Under Maintenance")
            : new(None, "All Systems Operational");
    }
}
