using Firebreak.Server.Components.Layout;
using Firebreak.Server.Components.Shared;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Escalation.Config;
using Firebreak.Server.Features.Escalation.Pages;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Hosting;
using Firebreak.Server.Storage;

namespace Firebreak.Server.Features.Escalation;

/// <summary>Escalation policies and each incident's escalation: steps, repeats, condition rules, escalate now, reassign.</summary>
public sealed class EscalationFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(EscalationOptions.From(configuration));
        // Every incident that opens reads its service's policy.
        services.AddTableCache<EscalationPolicyRecord>();
        services.AddScoped<EscalationPolicyService>();
        services.AddScoped<IncidentEscalationService>();
        services.AddScoped<UnpagedServices>();
        services.AddScoped<IOnCallReferences, PolicyReferences>();
        services.AddScoped<IServicePolicies, ServicePolicies>();
        services.AddSingleton<IConfigSection, EscalationPolicySection>();
        services.AddWorkHandler<EscalationHandler>();
        services.AddIncidentOpeningStep<EscalationOpening>();
        services.AddIncidentChangeStep<EscalationOnChange>();
        services.AddIncidentPanel<EscalationPanel>(IncidentPanelPlace.Main, 10);
        // Before who is on call: a service that wakes nobody matters more than who would be woken.
        services.AddHomePanel<UnpagedServicesPanel>(5);
        services.AddNavItem(NavGroup.OnCall, 20, "Escalation", "/escalation-policies", Policies.UiViewer);
    }

    public void Map(WebApplication app) => app.MapEscalationApi();

    public async Task PrepareAsync(FeaturePreparation preparation, CancellationToken ct)
    {
        if (preparation.Options.Demo && preparation.Configuration[EscalationOptions.DefaultPolicyKey] is null)
        {
            await preparation.Console.WriteLineAsync(
                $"Demo: services without an escalation policy page through '{EscalationOptions.DemoDefaultPolicy}' ({EscalationOptions.DefaultPolicyKey}).");
        }
    }
}
