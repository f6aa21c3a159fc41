using Firebreak.Server.Components.Layout;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Notifications.Channels;
using Firebreak.Server.Hosting;

namespace Firebreak.Server.Features.Notifications;

/// <summary>Contact methods and rules per person, channels, delivery with retries and fallback, acknowledge links, hand-off notices.</summary>
public sealed class NotificationsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ContactService>();
        services.AddNotificationChannels(configuration);
        services.AddSingleton(NotificationOptions.FromConfiguration(configuration));
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<ChannelBreakers>();
        services.AddSingleton<PublicLinks>();
        services.AddWorkHandler<NotifyHandler>();
        services.AddWorkHandler<BundleHandler>();
        services.AddWorkHandler<HandoffHandler>();
        services.AddNavItem(NavGroup.Settings, 20, "My notifications", "/account/notifications", Policies.UiViewer);
    }

    public void Map(WebApplication app)
    {
        app.MapContactApi();
        app.MapAckLinks();
    }

    public async Task PrepareAsync(FeaturePreparation preparation, CancellationToken ct)
    {
        await HandoffHandler.EnsureAsync(preparation.Services.GetRequiredService<Storage.FirebreakDb>(),
            preparation.Services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        if (preparation.Options.Demo && preparation.Configuration[OutboundHosts.ConfigKey] is null)
        {
            await preparation.Console.WriteLineAsync(
                $"Demo: notifications may also go to this machine ({OutboundHosts.ConfigKey}={OutboundHosts.DemoAllowedHosts}).");
        }
    }
}
