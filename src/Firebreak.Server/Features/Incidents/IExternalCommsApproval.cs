using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Incidents;

/// <summary>
/// Whether an incident's communication outside the company (public posts, customer emails) waits for its commander's
/// or an admin's approval. Implemented by the status page, which owns the incident's approval switch; comms asks it
/// before letting a message to an external stakeholder go, so both follow one rule (neither feature may name the other).
/// </summary>
public interface IExternalCommsApproval
{
    /// <summary>Asked through the caller's context, which may hold the incident's unsaved changes.</summary>
    Task<bool> NeedsApprovalAsync(FirebreakDb db, Incident incident, CancellationToken ct);
}
