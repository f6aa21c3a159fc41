using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Incidents;

namespace Firebreak.Server.Features.Reviews;

/// <summary>
/// Which resolved incidents get a review draft at once: the severity's <c>review</c> (<see cref="SeverityLevel.ReviewPolicy"/>).
/// A required review opens as a draft, due at resolution plus <c>review_within</c>; an optional one is started by a
/// responder from the incident; <c>none</c> means no review. False positives and integration test events get no draft.
/// </summary>
public static class ReviewPolicy
{
    /// <summary>Asked by a severity that sets no <c>review_questions</c>: detection, response, root cause, prevention.</summary>
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
        level?.ReviewPolicy == ReviewRequirement.Required
        && incident.TestSentBy is null
        && incident.Resolution != IncidentResolutions.FalsePositive;

    /// <summary>Whether a responder may start a review of the level's incidents: not when the severity says <c>review: none</c>.</summary>
    public static bool MayStart(SeverityLevel? level) => level?.ReviewPolicy != ReviewRequirement.None;

    public static IReadOnlyList<string> Questions(SeverityLevel? level) => level?.ReviewQuestions is { Count: > 0 } questions ? questions : DefaultQuestions;

    public static DateTimeOffset? DueAt(Incident incident, SeverityLevel? level) =>
        incident.ResolvedAt is { } resolved && level?.Targets.ReviewWithin is { } within ? resolved + within : null;
}
