using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Incidents;

namespace Firebreak.Server.Features.Reviews;

/// <summary>
/// Which resolved incidents get a review draft at once. A severity that sets <c>review_within</c> promises a review
/// by then, so its incidents get a required draft, due at resolution plus that time. Other severities make the review
/// optional: a responder starts one from the incident. False positives and integration test events need none.
/// </summary>
public static class ReviewPolicy
{
    /// <summary>Asked of every review until severities carry their own questions: detection, response, root cause, prevention.</summary>
    public static readonly IReadOnlyList<string> DefaultQuestions =
    [
        "Detection: how did we find out, and could we have known sooner?",
        "Response: what slowed down acknowledging, diagnosing or mitigating?",
        "Root cause: why did this happen, and why then?",
        "Prevention: what would stop this from happening again, or make it smaller?",
    ];

    /// <summary>Key timeline kinds kept in a new draft; responders add or drop entries.</summary>
    public static readonly IReadOnlySet<string> KeyKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        TimelineKind.Declared, TimelineKind.StatusChanged, TimelineKind.SeverityChanged, TimelineKind.Note,
        TimelineKind.Escalated, TimelineKind.RunbookFinished, TimelineKind.Merged,
    };

    public static bool DraftOnResolve(Incident incident, SeverityLevel? level) =>
        level?.Targets.ReviewWithin is not null
        && incident.TestSentBy is null
        && incident.Resolution != IncidentResolutions.FalsePositive;

    public static DateTimeOffset? DueAt(Incident incident, SeverityLevel? level) =>
        incident.ResolvedAt is { } resolved && level?.Targets.ReviewWithin is { } within ? resolved + within : null;
}
