namespace Firebreak.Server.Features.ActionItems;

/// <summary>
/// A follow-up someone owns after an incident, a review or a drill: what to change so it does not happen again, by
/// when. Its key (<c>FB-12</c>, <c>TD-001</c> for drills) is what people say in stand-ups and write in trackers.
/// </summary>
public sealed class ActionItem
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Prefix { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public required string Priority { get; set; }
    public string? Owner { get; set; }
    public DateOnly? DueOn { get; set; }
    public required string Status { get; set; }
    public required string Source { get; set; }
    public long? IncidentId { get; set; }

    /// <summary>Where it is tracked outside Firebreak (an issue in the team's tracker).</summary>
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it became done or won't do; cleared when reopened.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}

public static class ActionItemStatus
{
    public const string Open = "open";
    public const string InProgress = "in_progress";
    public const string Done = "done";
    public const string WontDo = "wont_do";

    public static readonly IReadOnlyList<string> All = [Open, InProgress, Done, WontDo];

    public static bool IsClosed(string status) => status is Done or WontDo;
}

public static class ActionItemPriority
{
    public static readonly IReadOnlyList<string> All = ["P0", "P1", "P2"];
}

public static class ActionItemSources
{
    public const string Incident = "incident";
    public const string Review = "review";
    public const string Drill = "drill";
}
