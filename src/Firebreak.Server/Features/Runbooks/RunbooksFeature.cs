using Firebreak.Server.Components.Layout;
using Firebreak.Server.Components.Shared;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Features.Runbooks.Config;
using Firebreak.Server.Features.Runbooks.Escalations;
using Firebreak.Server.Features.Runbooks.Pages;
using Firebreak.Server.Features.Runbooks.Runners;
using Firebreak.Server.Features.Runbooks.Runs;
using Firebreak.Server.Features.Runbooks.Secrets;
using Firebreak.Server.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Features.Runbooks;

/// <summary>Runbooks as code: Markdown with front matter, matched to alerts and services, offered on the incident.</summary>
public sealed class RunbooksFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RunbookLibrary>();
        services.AddSingleton<RunbookMetrics>();
        services.AddScoped<RunbookCatalog>();
        services.AddScoped<RunbookEditor>();
        services.AddScoped<RunbookRunService>();
        services.AddScoped<RunbookRunAll>();
        services.AddScoped<MissingRunbooks>();
        services.AddScoped<TeamRunbooks>();
        services.AddScoped<RunbookSecrets>();
        services.AddSingleton<RunbookHttp>();
        services.AddWorkHandler<RunbookEscalationHandler>();
        services.AddScoped<RunnerRegistry>();
        services.AddScoped<RunnerDispatch>();
        services.AddSingleton<RunnerSignal>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<RunnerSignal>());
        services.AddHttpClient(RunbookHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            // Each step bounds its own request (its timeout). Redirects would take a request where the outbound rules did not judge; the connect step judges each address.
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<OutboundHosts>().ConnectAsync,
            })
            // Step URLs may carry tokens; the default handler logs every URL.
            .RemoveAllLoggers();
        services.AddSingleton<IConfigSection, RunbookSection>();
        services.AddIncidentPanel<IncidentRunbooks>(IncidentPanelPlace.Side, 5);
        services.AddIncidentPanel<RunbookRunsPanel>(IncidentPanelPlace.Main, 5);
        services.AddAlertPanel<AlertRunbooks>(10);
        services.AddHomePanel<TeamRunbooksPanel>(20);
        services.AddNavItem(NavGroup.Respond, 25, "Runbooks", "/runbooks", Policies.UiViewer);
        services.AddNavItem(NavGroup.Settings, 60, "Runbook secrets", "/runbook-secrets", Policies.UiAdmin);
        services.AddNavItem(NavGroup.Settings, 65, "Runners", "/runners", Policies.UiAdmin);
    }

    public void Map(WebApplication app)
    {
        app.MapRunbookApi();
        app.MapRunnerApi();
        app.Services.GetRequiredService<FirebreakMetrics>().OnCollect(app.Services, RunbookMetrics.CollectAsync);
        if (app.Configuration.GetValue<bool>(ServerOptions.DemoKey))
        {
            app.MapDemoControls();
        }
    }
}
