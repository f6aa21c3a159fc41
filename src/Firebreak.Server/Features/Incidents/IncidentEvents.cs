namespace Firebreak.Server.Features.Incidents;

public sealed record IncidentChanged(long IncidentId, string Slug, int Revision);

/// <summary>
/// In-process fan-out of committed incident changes, so open pages refresh without reloading. Subscribers must not
/// block: they are called on the committing request's thread.
/// </summary>
public sealed class IncidentEvents
{
    public event Action<IncidentChanged>? Changed;

    public void Publish(IncidentChanged change) => Changed?.Invoke(change);
}
