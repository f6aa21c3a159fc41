using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Incidents;

/// <summary>Where on the incident page a panel goes: beside the timeline, or in the side column.</summary>
public enum IncidentPanelPlace
{
    Main,
    Side,
}

/// <summary>
/// A panel another feature adds to the incident page (escalation, the incident's alerts; later runbooks, status-page
/// components, the review). The page places it and passes <see cref="IncidentPanelContext"/>; the panel loads and watches
/// on its own, so the incident feature never names the features that extend it.
/// </summary>
public sealed record IncidentPanel(Type Component, IncidentPanelPlace Place, int Order);

/// <summary>What an incident panel is given: the incident's number and slug (the slug is what live updates carry).</summary>
public sealed record IncidentPanelContext(int Number, string Slug);

public static class IncidentPanelRegistration
{
    /// <summary>Adds <typeparamref name="T"/> to every incident page; it takes a parameter <c>Incident</c> of type <see cref="IncidentPanelContext"/>.</summary>
    public static IServiceCollection AddIncidentPanel<T>(this IServiceCollection services, IncidentPanelPlace place, int order)
        where T : IComponent => services.AddSingleton(new IncidentPanel(typeof(T), place, order));
}
