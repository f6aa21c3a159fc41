using Microsoft.AspNetCore.Components;

namespace Firebreak.Server.Components.Shared;

/// <summary>A panel a feature adds to the home page (who is on call now; later stale runbooks, reviews due), in order.</summary>
public sealed record HomePanel(Type Component, int Order);

public static class HomePanelRegistration
{
    public static IServiceCollection AddHomePanel<T>(this IServiceCollection services, int order)
        where T : IComponent => services.AddSingleton(new HomePanel(typeof(T), order));
}
