using Firebreak.Server.Components.Layout;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.ActionItems.Config;
using Firebreak.Server.Features.ActionItems.Pages;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Hosting;

namespace Firebreak.Server.Features.ActionItems;

/// <summary>Follow-ups with owners and due dates, from incidents and their reviews.</summary>
public sealed class ActionItemsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ActionItemOptions.From(configuration));
        services.AddScoped<ActionItemService>();
        services.AddWorkHandler<ActionItemReminderHandler>();
        services.AddSingleton(ActionItemWebhookOptions.From(configuration));
        services.AddSingleton<ActionItemWebhooks>();
        services.AddWorkHandler<ActionItemWebhookHandler>();
        services.AddSingleton<IConfigSection, DemoActionItemSection>();
        services.AddIncidentPanel<IncidentActionItems>(IncidentPanelPlace.Side, 30);
        services.AddNavItem(NavGroup.Learn, 20, "Action items", "/action-items", Policies.UiViewer);
    }

    public void Map(WebApplication app) => app.MapActionItemApi();

    public Task PrepareAsync(FeaturePreparation preparation, CancellationToken ct) =>
        ActionItemReminderHandler.EnsureAsync(preparation.Services.GetRequiredService<Storage.FirebreakDb>(),
            preparation.Services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
}
