using Firebreak.Server.Components.Layout;
using Firebreak.Server.Components.Shared;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.OnCall.Config;
using Firebreak.Server.Features.OnCall.Pages;
using Firebreak.Server.Hosting;

namespace Firebreak.Server.Features.OnCall;

/// <summary>On-call schedules: layers, overrides, who is on call when, gaps, calendar feeds.</summary>
public sealed class OnCallFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ScheduleService>();
        services.AddScoped<FeedTokens>();
        services.AddScoped<IOnCallReferences, ScheduleReferences>();
        services.AddSingleton<IConfigSection, ScheduleSection>();
        services.AddHomePanel<OnCallNowPanel>(10);
        services.AddNavItem(NavGroup.OnCall, 10, "On call", "/schedules", Policies.UiViewer);
    }

    public void Map(WebApplication app) => app.MapScheduleApi();
}
