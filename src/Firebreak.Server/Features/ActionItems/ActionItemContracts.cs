namespace Firebreak.Server.Features.ActionItems;

public sealed record ActionItemDto(
    string Key,
    string Title,
    string Priority,
    string? Owner,
    DateOnly? Due,
    string Status,
    bool Overdue,
    string Source,
    int? Incident,
    string? Link,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt);

/// <summary>A new follow-up. <c>Due</c> is a date (<c>2027-01-15</c>); <c>Incident</c> a number or slug.</summary>
public sealed record CreateActionItemRequest(string? Title, string? Incident, string? Priority = null, string? Owner = null, string? Due = null, string? Link = null, string? Source = null);

/// <summary>Only the fields given change; an empty string clears owner, due date or link.</summary>
public sealed record UpdateActionItemRequest(string? Title = null, string? Priority = null, string? Owner = null, string? Due = null, string? Status = null, string? Link = null);

/// <summary>Filters for the list: any combination; <c>Status</c> may name several, comma-separated.</summary>
public sealed record ActionItemQuery(string? Owner = null, string? Team = null, string? Status = null, bool? Overdue = null, string? Incident = null, int? Page = null);

public sealed record ActionItemPage(IReadOnlyList<ActionItemDto> Items, int Total, int Page, int PageSize);
