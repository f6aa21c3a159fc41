namespace Firebreak.Core.Severity;

/// <summary>One level of a severity scheme. Rank 0 is the most severe.</summary>
/// <param name="Review">As configured; null takes the default, <see cref="ReviewPolicy"/>.</param>
/// <param name="ReviewQuestions">The questions its reviews ask; null asks the default ones.</param>
/// <param name="ExternalCommsNeedApproval">Config's <c>external_comms: needs_approval</c>: public posts wait for the commander's or an admin's approval.</param>
public sealed record SeverityLevel(
    string Key,
    string Name,
    int Rank,
    string Description,
    ResponseTargets Targets,
    IReadOnlyList<string> Checklist,
    ReviewRequirement? Review = null,
    IReadOnlyList<string>? ReviewQuestions = null,
    bool ExternalCommsNeedApproval = false)
{
    /// <summary>What applies: as configured, else required when the level sets <c>review_within</c> and optional when it does not.</summary>
    public ReviewRequirement ReviewPolicy => Review ?? (Targets.ReviewWithin is null ? ReviewRequirement.Optional : ReviewRequirement.Required);
}
