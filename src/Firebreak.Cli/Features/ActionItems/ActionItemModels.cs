namespace Firebreak.Cli.Features.ActionItems;

// The client's view of the server's contract, with only what the CLI shows. Not the server's own type: the CLI is a
// plain HTTP client and must keep working against a server of a slightly different version.

internal sealed record ActionItemModel(
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
    DateTimeOffset? ClosedAt);
