using Firebreak.Server.Features.Notifications.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Notifications;

/// <summary>Messages to send and channels wired exactly as the server wires them.</summary>
public static class NotificationSamples
{
    public static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static IncidentNotice Incident(int number, string title = "Checkout down", string? service = "checkout") => new(
        $"#{number}",
        title,
        "SEV-1",
        service,
        "triggered",
        "You are on call for checkout (primary)",
        ["kofi", "sam"],
        new Uri($"http://firebreak.test/incidents/{number}"),
        new Uri($"http://firebreak.test/incidents/{number}/ack?t=tok{number}"));

    public static NotificationMessage Message(string key, params IncidentNotice[] incidents) =>
        new(key, "ana", incidents.Length == 0 ? [Incident(12)] : incidents, At);

    /// <summary>The test receivers listen on 127.0.0.1, which the default outbound rules refuse.</summary>
    public static readonly IReadOnlyDictionary<string, string?> ReceiverAllowed = new Dictionary<string, string?>
    {
        [OutboundHosts.ConfigKey] = "*, 127.0.0.1",
    };

    /// <summary>No settings at all: the outbound rules an unconfigured server has.</summary>
    public static readonly IReadOnlyDictionary<string, string?> DefaultRules = new Dictionary<string, string?>();

    /// <param name="settings">Configuration; without it, <see cref="ReceiverAllowed"/>.</param>
    public static ServiceProvider Channels(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? ReceiverAllowed).Build();
        var services = new ServiceCollection().AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddNotificationChannels(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static INotificationChannel Channel(this IServiceProvider services, ContactKind kind) =>
        services.GetRequiredService<ChannelSet>().For(kind);
}
