using Microsoft.AspNetCore.Components.Routing;

namespace Firebreak.Server.Components.Layout;

/// <summary>The navigation's groups, in the order they show.</summary>
public enum NavGroup
{
    Respond,
    OnCall,
    Learn,
    Settings,
}

/// <summary>A link a feature adds to the main navigation, shown to those its policy admits.</summary>
public sealed record NavItem(NavGroup Group, int Order, string Title, string Href, string Policy, NavLinkMatch Match = NavLinkMatch.Prefix);

public static class NavItemRegistration
{
    public static IServiceCollection AddNavItem(this IServiceCollection services, NavGroup group, int order, string title, string href, string policy,
        NavLinkMatch match = NavLinkMatch.Prefix) => services.AddSingleton(new NavItem(group, order, title, href, policy, match));
}
