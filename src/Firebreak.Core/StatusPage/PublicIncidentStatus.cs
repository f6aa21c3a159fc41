namespace Firebreak.Core.StatusPage;

/// <summary>A public incident's statuses, with Statuspage's names: the first three are unresolved.</summary>
public static class PublicIncidentStatus
{
    public const string Investigating = "investigating";
    public const string Identified = "identified";
    public const string Monitoring = "monitoring";
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> All = [Investigating, Identified, Monitoring, Resolved];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);

    public static bool IsUnresolved(string status) => status != Resolved;

    /// <summary>What people read on the page.</summary>
    public static string Label(string status) => status switch
    {
        Investigating => "Investigating",
        Identified => "Identified",
        Monitoring => "Monitoring",
        Resolved => "Resolved",
        _ => status,
    };

    /// <summary>The component status an unresolved incident's impact counts as in the page's overall line, as on Statuspage.</summary>
    public static string AsComponentStatus(string impact) => impact switch
    {
        PageIndicator.Critical => ComponentStatus.MajorOutage,
        PageIndicator.Major => ComponentStatus.PartialOutage,
        PageIndicator.Minor => ComponentStatus.DegradedPerformance,
        _ => ComponentStatus.Operational,
    };

    /// <summary>Statuspage's incident <c>impact</c> from the incident's severity rank (0 the worst), as its components would show it.</summary>
    public static string Impact(int severityRank) => PageIndicator.Of([ProposedStatus.For(severityRank, resolved: false)]).Indicator;
}
