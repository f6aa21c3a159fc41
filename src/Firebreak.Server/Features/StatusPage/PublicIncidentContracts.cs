namespace Firebreak.Server.Features.StatusPage;

/// <param name="Title">The public title; left out, the incident keeps its public title (the internal title the first time).</param>
public sealed record PostPublicUpdateRequest(string? Status, string? Title, string? Body);

/// <param name="Required">Whether this incident's public updates wait for the commander's or an admin's approval.</param>
public sealed record SetPublicApprovalRequest(bool? Required);

public sealed record PublicUpdateDto(
    long Id, string Status, string? Title, string Body, DateTimeOffset CreatedAt, string CreatedBy, bool Pending, DateTimeOffset? PublishedAt, string? ApprovedBy);

/// <summary>An incident's public side as responders see it, pending updates included.</summary>
/// <param name="Name">The public title, or null before anything is posted.</param>
/// <param name="DefaultTitle">What the first update's title defaults to: the incident's title.</param>
/// <param name="SeverityNeedsApproval">The incident's severity says <c>external_comms: needs_approval</c>.</param>
/// <param name="IncidentNeedsApproval">Approval was switched on for this incident.</param>
/// <param name="Components">The keys of the status components the incident's service feeds.</param>
public sealed record PublicIncidentDto(
    string? Name, string? Status, string DefaultTitle, bool SeverityNeedsApproval, bool IncidentNeedsApproval, IReadOnlyList<string> Components,
    IReadOnlyList<PublicUpdateDto> Updates)
{
    public bool NeedsApproval => SeverityNeedsApproval || IncidentNeedsApproval;
}
