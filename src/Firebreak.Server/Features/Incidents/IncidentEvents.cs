using Firebreak.Server.Components.Shared;

namespace Firebreak.Server.Features.Incidents;

/// <param name="EngineLine">The escalation engine added timeline lines without bumping the revision (so a page going
/// out never conflicts with a responder's edit); pages showing this revision should reload too.</param>
public sealed record IncidentChanged(long IncidentId, string Slug, int Revision, bool EngineLine = false);

/// <summary>
/// In-process fan-out of committed incident changes, so open pages refresh without reloading. Subscribers must not
/// block: they are called on the committing request's thread.
/// </summary>
public sealed class IncidentEvents : ILiveFeed<IncidentChanged>
{
    public event Action<IncidentChanged>? Changed;

    public void Publish(IncidentChanged change) => Changed?.Invoke(change);
}
