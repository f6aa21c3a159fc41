using Firebreak.Server.Engine;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Maintenance;
using Firebreak.Server.Features.StatusPage.Config;
using Firebreak.Server.Features.StatusPage.Pages;
using Firebreak.Server.Features.StatusPage.Subscribers;
using Firebreak.Server.Hosting;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>The public status page: components with statuses and uptime, as a page and as Statuspage's JSON, and its email subscribers.</summary>
public sealed class StatusPageFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(StatusPageOptions.From(configuration));
        services.AddSingleton<StatusSnapshot>();
        services.AddScoped<StatusRenderer>();
        services.AddScoped<StatusComponentService>();
        services.AddScoped<PublicIncidentService>();
        services.AddScoped<IExternalCommsApproval, ExternalCommsRule>();
        services.AddScoped<IPublicMaintenance, StatusPageMaintenance>();
        services.AddScoped<SubscriberService>();
        services.AddScoped<WebhookSubscriberService>();
        services.AddSingleton<AllClearRenders>();
        services.AddIncidentResolvedStep<AllClearOnResolve>();
        services.AddWorkHandler<SubscriberMailHandler>();
        services.AddWorkHandler<SubscriberWebhookHandler>();
        services.AddSingleton<IConfigSection, StatusComponentSection>();
        services.AddIncidentPanel<IncidentStatusComponents>(IncidentPanelPlace.Side, 25);
        services.AddIncidentPanel<IncidentPublicUpdates>(IncidentPanelPlace.Side, 26);
    }

    public void Map(WebApplication app)
    {
        app.MapStatusPage();
        app.MapStatusSubscribers();
    }
}
