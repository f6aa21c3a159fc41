namespace Firebreak.Server.Features.Reviews;

/// <summary>Where a review is: written (draft), read by others (in review), done (published, which closes the incident).</summary>
public static class ReviewStatus
{
    public const string Draft = "draft";
    public const string InReview = "in_review";
    public const string Published = "published";

    public static readonly IReadOnlyList<string> All = [Draft, InReview, Published];

    public static string Text(string status) => status switch
    {
        Draft => "Draft",
        InReview => "In review",
        _ => "Published",
    };
}

/// <summary>How much the incident hurt, as the review judges it afterwards.</summary>
public static class ImpactLevels
{
    public const string None = "none";
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";

    public static readonly IReadOnlyList<string> All = [None, Low, Medium, High];
}
