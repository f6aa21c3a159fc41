namespace Firebreak.Core.StatusPage;

/// <summary>
/// What an incident suggests for the components of its service: the worst severity a major outage, the next a partial
/// one, any other degraded performance; resolved, operational again. A suggestion only: the comms lead confirms it,
/// because what customers read is a decision, not a side effect of a severity change.
/// </summary>
public static class ProposedStatus
{
    /// <param name="severityRank">The incident's severity by position in the scheme, 0 for the worst.</param>
    public static string For(int severityRank, bool resolved) => resolved
        ? ComponentStatus.Operational
        : severityRank switch
        {
            0 => ComponentStatus.MajorOutage,
            1 => ComponentStatus.PartialOutage,
            _ => ComponentStatus.DegradedPerformance,
        };
}
