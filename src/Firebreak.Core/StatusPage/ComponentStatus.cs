namespace Firebreak.Core.StatusPage;

/// <summary>
/// A status page component's statuses, with Statuspage's names so widgets and monitors read them unchanged; ordered
/// from best to worst, except maintenance, which is planned and so not an outage.
/// </summary>
public static class ComponentStatus
{
    public const string Operational = "operational";
    public const string DegradedPerformance = "degraded_performance";
    public const string PartialOutage = "partial_outage";
    public const string MajorOutage = "major_outage";
    public const string UnderMaintenance = "under_maintenance";

    public static readonly IReadOnlyList<string> All = [Operational, DegradedPerformance, PartialOutage, MajorOutage, UnderMaintenance];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);

    /// <summary>What people read on the page.</summary>
    public static string Label(string status) => status switch
    {
        Operational => "Operational",
        DegradedPerformance => "Degraded performance",
        PartialOutage => "Partial outage",
        MajorOutage => "Major outage",
        UnderMaintenance => "Under maintenance",
        _ => status,
    };
}
