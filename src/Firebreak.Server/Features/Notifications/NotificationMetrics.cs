using Firebreak.Server.Hosting;
using Prometheus;

namespace Firebreak.Server.Features.Notifications;

public sealed class NotificationMetrics(FirebreakMetrics metrics)
{
    public Counter Notifications { get; } = metrics.Factory.CreateCounter("firebreak_notifications_total",
        "Notification deliveries by channel and outcome (sent, failed, cancelled, bundled, unknown).",
        new CounterConfiguration { LabelNames = ["channel", "outcome"] });
}
