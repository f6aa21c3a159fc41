using Firebreak.Server.Components.Layout;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Hosting;

namespace Firebreak.Server.Features.Audit;

public sealed class AuditFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQueries>();
        services.AddNavItem(NavGroup.Settings, 40, "Audit log", "/audit", Policies.UiAdmin);
    }

    public void Map(WebApplication app) => app.MapAuditApi();
}
