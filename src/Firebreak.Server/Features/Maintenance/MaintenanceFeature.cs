using Firebreak.Server.Components.Layout;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Maintenance.Config;
using Firebreak.Server.Hosting;
using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Maintenance;

/// <summary>Maintenance windows per service: once, weekly or cron, in a time zone.</summary>
public sealed class MaintenanceFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<MaintenanceService>();
        services.AddTableCache<MaintenanceWindow>();
        services.AddSingleton<IConfigSection, MaintenanceSection>();
        services.AddNavItem(NavGroup.Respond, 30, "Maintenance", "/maintenance", Policies.UiViewer);
    }

    public void Map(WebApplication app) => app.MapMaintenanceApi();
}
