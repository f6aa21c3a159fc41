using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// A panel another feature adds to the alert page (the runbooks that answer the alert), in order. The page passes
/// <see cref="AlertPanelContext"/>; the panel loads on its own, so intake never names the features that extend it.
/// </summary>
public sealed record AlertPanel(Type Component, int Order);

/// <summary>What an alert panel is given: the alert's id.</summary>
public sealed record AlertPanelContext(long Id);

public static class AlertPanelRegistration
{
    /// <summary>Adds <typeparamref name="T"/> to every alert page; it takes a parameter <c>Alert</c> of type <see cref="AlertPanelContext"/>.</summary>
    public static IServiceCollection AddAlertPanel<T>(this IServiceCollection services, int order)
        where T : IComponent => services.AddSingleton(new AlertPanel(typeof(T), order));
}
