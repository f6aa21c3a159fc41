using Firebreak.Core.Severity;
using Firebreak.Server.Components.Layout;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Hosting;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Features.Catalog;

/// <summary>Teams, services and the severity scheme every other feature reads.</summary>
public sealed class CatalogFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<SeverityCatalog>();
        services.AddSingleton<SeveritySchemeCache>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<SeveritySchemeCache>());
        services.AddScoped<CatalogReader>();
        services.AddScoped<ServiceDirectory>();
        services.AddTableCache<Service>();
        services.AddNavItem(NavGroup.Settings, 27, "Services", "/services", Policies.UiViewer);
    }

    public void Map(WebApplication app) => app.MapServiceApi();

    public async Task PrepareAsync(FeaturePreparation preparation, CancellationToken ct)
    {
        var db = preparation.Services.GetRequiredService<FirebreakDb>();
        if (!await db.SeverityLevels.AnyAsync(ct))
        {
            await preparation.Services.GetRequiredService<SeverityCatalog>().ReplaceAsync(SeverityPresets.Sev, ct);
            await db.SaveChangesAsync(ct);
        }
    }
}
