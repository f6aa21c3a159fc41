namespace Firebreak.Server.Features.Notifications;

/// <summary>
/// Delivery policy. More than <see cref="BurstLimit"/> sends to one contact method within <see cref="BurstWindow"/>
/// and further pages wait <see cref="BundleDelay"/> to go out together as one message: a storm of 500 incidents must
/// not become 500 emails. A failed send is tried <see cref="Attempts"/> times in all, <see cref="RetryDelay"/> doubling.
/// </summary>
/// <param name="HandoffLead">How long before a shift starts its person is told.</param>
public sealed record NotificationOptions(int BurstLimit, TimeSpan BurstWindow, TimeSpan BundleDelay, int Attempts, TimeSpan RetryDelay, TimeSpan HandoffLead)
{
    public static NotificationOptions FromConfiguration(IConfiguration config) => new(
        config.GetValue("Firebreak:Notifications:BurstLimit", 5),
        TimeSpan.FromSeconds(config.GetValue("Firebreak:Notifications:BurstWindowSeconds", 600)),
        TimeSpan.FromSeconds(config.GetValue("Firebreak:Notifications:BundleDelaySeconds", 60)),
        config.GetValue("Firebreak:Notifications:Attempts", 3),
        TimeSpan.FromSeconds(config.GetValue("Firebreak:Notifications:RetryDelaySeconds", 30)),
        TimeSpan.FromMinutes(config.GetValue("Firebreak:Notifications:HandoffLeadMinutes", 60)));

    public TimeSpan RetryAfter(int attempt) => RetryDelay * Math.Pow(2, attempt);
}
