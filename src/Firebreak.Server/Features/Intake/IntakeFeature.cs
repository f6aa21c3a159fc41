using Firebreak.Server.Components.Layout;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake.Config;
using Firebreak.Server.Features.Intake.HotPath;
using Firebreak.Server.Features.Intake.Pages;
using Firebreak.Server.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Features.Intake;

/// <summary>Integrations, alert intake with group commit, routing, grouping into incidents, merge and split.</summary>
public sealed class IntakeFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IntakeMetrics>();
        services.AddScoped<IntakeService>();
        services.AddScoped<IntakeBatch>();
        services.AddSingleton(IntakeWriterLimits.FromConfiguration(configuration));
        services.AddSingleton<HotPathMemory>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<HotPathMemory>());
        services.AddSingleton<HotPathWriter>();
        services.AddSingleton<IntakeWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<IntakeWriter>());
        services.AddSingleton<AlertActivity>();
        services.AddSingleton<IntegrationDirectory>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<IntegrationDirectory>());
        services.AddSingleton<MaintenanceHolds>();
        services.AddHostedService<MaintenanceRelease>();
        services.AddExceptionHandler<IntakeBusyHandler>();
        services.AddScoped<AlertMoveService>();
        services.AddScoped<IIncidentLabelIndex, AlertLabelIndex>();
        services.AddSingleton<IntakeRateLimits>();
        services.AddScoped<IntegrationService>();
        services.AddScoped<GenericMappingService>();
        services.AddScoped<AlertQueries>();
        services.AddSingleton<IConfigSection, IntegrationSection>();
        services.AddIncidentPanel<IncidentAlerts>(IncidentPanelPlace.Side, 10);
        services.AddNavItem(NavGroup.Respond, 20, "Alerts", "/alerts", Policies.UiViewer);
        services.AddNavItem(NavGroup.Settings, 30, "Integrations", "/integrations", Policies.UiAdmin);
    }

    public void Map(WebApplication app)
    {
        app.MapIntakeEndpoints();
        app.MapIntakeAdminApi();
        app.Services.GetRequiredService<FirebreakMetrics>().OnCollect(app.Services, IntakeMetrics.CollectAsync);
    }
}
