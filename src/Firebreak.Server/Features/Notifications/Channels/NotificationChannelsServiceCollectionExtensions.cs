using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Firebreak.Server.Features.Notifications.Channels;

public static class NotificationChannelsServiceCollectionExtensions
{
    /// <summary>
    /// Email (<c>Firebreak:Smtp</c>), webhook, Slack, Mattermost and Teams channels, and <see cref="ChannelSet"/>.
    /// <c>Firebreak:Notifications:HttpTimeoutSeconds</c> (default 10) bounds each HTTP post;
    /// <c>Firebreak:Notifications:AllowedHosts</c> limits where they go (see <see cref="OutboundHosts"/>).
    /// </summary>
    public static IServiceCollection AddNotificationChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => SmtpSettings.FromConfiguration(configuration));

        var timeout = HttpDelivery.TimeoutFrom(configuration);
        services.AddSingleton(OutboundHosts.FromConfiguration(configuration));
        services.AddHttpClient(HttpDelivery.ClientName, client => client.Timeout = timeout)
            // A redirected POST turns into a GET on the next host; a receiver that moved must be re-entered instead.
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                // Through a proxy, the connect step would judge the proxy instead of the destination: posts go direct.
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = sp.GetRequiredService<OutboundHosts>().ConnectAsync,
            })
            // The default handler logs every request URL, and a Slack, Teams or Mattermost webhook URL is a credential.
            .RemoveAllLoggers();
        services.AddSingleton<HttpDelivery>();

        services.AddSingleton<SmtpSender>();
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddSingleton<INotificationChannel, WebhookChannel>();
        services.AddSingleton<INotificationChannel, SlackChannel>();
        services.AddSingleton<INotificationChannel, MattermostChannel>();
        services.AddSingleton<INotificationChannel, TeamsChannel>();
        services.AddSingleton<ChannelSet>();
        return services;
    }
}
