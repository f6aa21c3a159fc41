using Firebreak.Server.Components.Layout;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Reviews.Config;
using Firebreak.Server.Features.Reviews.Pages;
using Firebreak.Server.Hosting;

namespace Firebreak.Server.Features.Reviews;

/// <summary>Post-incident reviews: a draft when an incident resolves, written, submitted, published (which closes the incident).</summary>
public sealed class ReviewsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReviewService>();
        services.AddScoped<ReviewActionItems>();
        services.AddWorkHandler<ReviewReminderHandler>();
        services.AddIncidentResolvedStep<ReviewOnResolve>();
        services.AddSingleton<IConfigSection, DemoReviewSection>();
        services.AddIncidentPanel<IncidentReviewPanel>(IncidentPanelPlace.Side, 8);
        services.AddNavItem(NavGroup.Learn, 10, "Reviews", "/reviews", Policies.UiViewer);
    }

    public void Map(WebApplication app)
    {
        app.MapReviewApi();
        app.MapReviewDownload();
    }

    public Task PrepareAsync(FeaturePreparation preparation, CancellationToken ct) =>
        ReviewReminderHandler.EnsureAsync(preparation.Services.GetRequiredService<Storage.FirebreakDb>(),
            preparation.Services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
}
