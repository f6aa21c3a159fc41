namespace Firebreak.Server.Features.Reviews;

/// <summary>
/// The whole writable review (PUT replaces it): text left out or null is empty, impact figures left out are unknown,
/// <see cref="Timeline"/> null keeps the key entries, <see cref="Answers"/> are given in the order of the questions.
/// </summary>
/// <param name="Revision">The revision the writer loaded; when given and no longer current the save is a conflict.</param>
/// <param name="Owner">Who sees it through: a username; null leaves nobody in charge.</param>
public sealed record ReviewUpdateRequest(
    string? Summary = null,
    string? ProximateCause = null,
    string? ContributingFactors = null,
    string? DetectionGap = null,
    string? WentWell = null,
    string? CouldBeBetter = null,
    string? Lessons = null,
    ReviewImpactRequest? Impact = null,
    IReadOnlyList<long>? Timeline = null,
    IReadOnlyList<string>? Answers = null,
    string? Owner = null,
    int? Revision = null);

/// <param name="Level">none, low, medium or high.</param>
public sealed record ReviewImpactRequest(int? UsersAffected = null, int? Minutes = null, decimal? Revenue = null, bool? SlaBreached = null, string? Level = null);

public sealed record ReviewIncidentDto(
    int Number, string Slug, string Title, string Severity, string Status, string? Service, bool IsDrill, string? Resolution,
    DateTimeOffset DeclaredAt, DateTimeOffset? ImpactStartedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt);

/// <param name="Key">ttd, tta, ttm or ttr.</param>
/// <param name="TargetSeconds">The severity's target for this metric, if it sets one.</param>
/// <param name="TargetMet">Null without a target.</param>
public sealed record ReviewMetricDto(string Key, string Label, double? Seconds, string Text, double? TargetSeconds, bool? TargetMet);

public sealed record ReviewImpactDto(int? UsersAffected, int? Minutes, decimal? Revenue, bool? SlaBreached, string Level);

public sealed record ReviewRoleDto(string Role, string Username, string DisplayName);

public sealed record ReviewTimelineEntryDto(long Id, DateTimeOffset At, string Kind, string Actor, string Text, bool Kept);

public sealed record ReviewAnswerDto(string Question, string Answer);

/// <param name="Field">The field the phrase is in: proximateCause, answers[2], …</param>
public sealed record BlameFlagDto(string Field, string Phrase, string Suggestion);

public sealed record ReviewDto(
    ReviewIncidentDto Incident,
    string Status,
    bool Required,
    string? Owner,
    string? OwnerName,
    DateTimeOffset? DueAt,
    bool Overdue,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    string? SubmittedBy,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    int Revision,
    string Summary,
    string ProximateCause,
    string ContributingFactors,
    string DetectionGap,
    string WentWell,
    string CouldBeBetter,
    string Lessons,
    ReviewImpactDto Impact,
    IReadOnlyList<ReviewMetricDto> Metrics,
    IReadOnlyList<ReviewRoleDto> Roles,
    IReadOnlyList<ReviewTimelineEntryDto> Timeline,
    IReadOnlyList<ReviewAnswerDto> Answers,
    IReadOnlyList<BlameFlagDto> BlameFlags,
    IReadOnlyList<ReviewActionItemDto> ActionItems);

/// <summary>A follow-up of the reviewed incident, as the review lists it (from the review or from the incident).</summary>
public sealed record ReviewActionItemDto(string Key, string Title, string Priority, string? Owner, DateOnly? Due, string Status, bool Overdue, string Source);

/// <summary>A follow-up the review decides on; <c>Due</c> is a date (<c>2027-01-15</c>). Its source is <c>review</c>.</summary>
public sealed record ReviewActionItemRequest(string? Title, string? Priority = null, string? Owner = null, string? Due = null, string? Link = null);

public sealed record ReviewSummaryDto(
    int Incident, string Slug, string Title, string Severity, string Status, bool Required, string? Owner, string? OwnerName,
    DateTimeOffset? DueAt, bool Overdue, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt);
