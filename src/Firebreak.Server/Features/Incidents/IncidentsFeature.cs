using Firebreak.Server.Components.Layout;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents.Config;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Hosting;
using Microsoft.AspNetCore.Components.Routing;

namespace Firebreak.Server.Features.Incidents;

/// <summary>Incidents: opening (with the steps other features register), lifecycle, roles, checklist, timeline, live events.</summary>
public sealed class IncidentsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IncidentEvents>();
        services.AddSingleton<IncidentMetrics>();
        services.AddScoped<IncidentReader>();
        services.AddScoped<IncidentService>();
        services.AddScoped<IncidentOpener>();
        services.AddSingleton<IConfigSection, DemoIncidentSection>();
        services.AddNavItem(NavGroup.Respond, 10, "Incidents", "/", Policies.UiViewer, NavLinkMatch.All);
    }

    public void Map(WebApplication app)
    {
        app.MapIncidentApi();
        app.Services.GetRequiredService<FirebreakMetrics>().OnCollect(app.Services, IncidentMetrics.CollectAsync);
    }
}
