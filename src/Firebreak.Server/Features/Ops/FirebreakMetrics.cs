using Prometheus;

namespace Firebreak.Server.Features.Ops;

/// <summary>
/// The server's metrics registry. One per server rather than prometheus-net's process-wide default, so several servers
/// in one process (tests, or an embedded host) never report each other's numbers.
/// </summary>
public sealed class FirebreakMetrics
{
    public FirebreakMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        Factory = Metrics.WithCustomRegistry(Registry);
        Incidents = Factory.CreateGauge("firebreak_incidents", "Incidents by status and severity.",
            new GaugeConfiguration { LabelNames = ["status", "severity"] });
        OpenAlerts = Factory.CreateGauge("firebreak_alerts_open", "Alerts not yet resolved.");
        IntakeEvents = Factory.CreateCounter("firebreak_intake_events_total",
            "Alert events received, by integration and outcome (created, appended = dedup hit, acknowledged, resolved, ignored, invalid).",
            new CounterConfiguration { LabelNames = ["integration", "outcome"] });
        IntakeDuration = Factory.CreateHistogram("firebreak_intake_duration_seconds",
            "Time from request to durable commit for intake requests, by endpoint.",
            new HistogramConfiguration { LabelNames = ["endpoint"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });
        IntakeQueueDepth = Factory.CreateGauge("firebreak_intake_queue_alerts", "Alerts accepted by intake and waiting for the writer.");
        IntakeBatchSize = Factory.CreateHistogram("firebreak_intake_batch_alerts", "Alerts committed per intake transaction (group commit).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 4, 8) });
        WorkQueueDepth = Factory.CreateGauge("firebreak_work_queue_items", "Deferred work items (escalations, notifications, retries) in the queue.");
        WorkQueueLag = Factory.CreateGauge("firebreak_work_queue_lag_seconds", "Now minus the due time of the oldest work item that is due and not done: how far behind the engine is.");
        WorkFiringDelay = Factory.CreateHistogram("firebreak_work_firing_delay_seconds", "Delay from a work item's due time to the moment a node started it, by kind.",
            new HistogramConfiguration { LabelNames = ["kind"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        Notifications = Factory.CreateCounter("firebreak_notifications_total", "Notification deliveries by channel and outcome (sent, failed, cancelled, bundled, unknown).",
            new CounterConfiguration { LabelNames = ["channel", "outcome"] });
    }

    public Gauge WorkQueueDepth { get; }

    public Gauge WorkQueueLag { get; }

    public Histogram WorkFiringDelay { get; }

    public Counter Notifications { get; }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    public Gauge Incidents { get; }

    public Gauge OpenAlerts { get; }

    public Counter IntakeEvents { get; }

    public Histogram IntakeDuration { get; }

    public Gauge IntakeQueueDepth { get; }

    public Histogram IntakeBatchSize { get; }
}
