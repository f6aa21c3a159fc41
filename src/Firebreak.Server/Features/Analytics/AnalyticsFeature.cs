using Firebreak.Server.Components.Layout;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Hosting;

namespace Firebreak.Server.Features.Analytics;

/// <summary>Response analytics read from incidents, reviews, pages and action items; owns no tables.</summary>
public sealed class AnalyticsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AnalyticsFacts>();
        services.AddScoped<AnalyticsService>();
        services.AddSingleton<ResponseTimeHistograms>();
        services.AddScoped<ResponseTimeObserver>();
        services.AddIncidentChangeStep<ObserveResponseTimesOnChange>();
        services.AddIncidentResolvedStep<ObserveResponseTimesOnResolve>();
        services.AddNavItem(NavGroup.Learn, 30, "Analytics", "/analytics", Policies.UiViewer);
    }

    public void Map(WebApplication app)
    {
        // Created at start so /metrics lists the histograms (empty) before the first incident is acknowledged.
        app.Services.GetRequiredService<ResponseTimeHistograms>();
        app.MapAnalyticsApi();
    }
}
