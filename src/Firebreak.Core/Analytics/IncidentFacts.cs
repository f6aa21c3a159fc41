using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;

namespace Firebreak.Core.Analytics;

/// <summary>
/// What analytics needs to know about one incident, read from the database by the server.
/// </summary>
/// <param name="Updates">When stakeholders were told something (notes, status and severity changes), for the update cadence.</param>
/// <param name="ReviewDueAt">When its review was due; null without a review or without <c>review_within</c>.</param>
public sealed record IncidentFacts(
    int Number,
    string Severity,
    string? Service,
    string? Team,
    IncidentTimestamps Stamps,
    bool FalsePositive,
    ResponseTargets Targets,
    IReadOnlyList<DateTimeOffset> Updates,
    DateTimeOffset? ReviewDueAt = null,
    DateTimeOffset? ReviewPublishedAt = null);
