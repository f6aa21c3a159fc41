namespace Firebreak.Core.Severity;

/// <summary>
/// Whether a severity's incidents get a post-incident review: <see cref="Required"/> opens a draft when one resolves,
/// due by <c>review_within</c>; <see cref="Optional"/> opens none but a responder may start one; <see cref="None"/>
/// means no review at all.
/// </summary>
public enum ReviewRequirement
{
    Required,
    Optional,
    None,
}

public static class ReviewRequirements
{
    public static string ToWire(this ReviewRequirement r) => r switch
    {
        ReviewRequirement.Required => "required",
        ReviewRequirement.Optional => "optional",
        _ => "none",
    };

    public static ReviewRequirement? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "required" => ReviewRequirement.Required,
        "optional" => ReviewRequirement.Optional,
        "none" => ReviewRequirement.None,
        _ => null,
    };
}
