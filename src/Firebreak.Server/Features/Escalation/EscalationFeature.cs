using Firebreak.Server.Components.Layout;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Escalation.Pages;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Hosting;

namespace Firebreak.Server.Features.Escalation;

/// <summary>Escalation policies and each incident's escalation: steps, repeats, condition rules, escalate now, reassign.</summary>
public sealed class EscalationFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<EscalationPolicyService>();
        services.AddScoped<IncidentEscalationService>();
        services.AddScoped<IOnCallReferences, PolicyReferences>();
        services.AddScoped<IServicePolicies, ServicePolicies>();
        services.AddWorkHandler<EscalationHandler>();
        services.AddIncidentOpeningStep<EscalationOpening>();
        services.AddIncidentChangeStep<EscalationOnChange>();
        services.AddIncidentPanel<EscalationPanel>(IncidentPanelPlace.Main, 10);
        services.AddNavItem(NavGroup.OnCall, 20, "Escalation", "/escalation-policies", Policies.UiViewer);
    }

    public void Map(WebApplication app) => app.MapEscalationApi();
}
