using Firebreak.Server.Hosting;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Prometheus;

namespace Firebreak.Server.Features.Intake;

/// <summary>What intake counts: events by integration and outcome, time to a durable commit, the writer's queue and batches.</summary>
public sealed class IntakeMetrics(FirebreakMetrics metrics)
{
    public Gauge OpenAlerts { get; } = metrics.Factory.CreateGauge("firebreak_alerts_open", "Alerts not yet resolved.");

    public Counter IntakeEvents { get; } = metrics.Factory.CreateCounter("firebreak_intake_events_total",
        "Alert events received, by integration and outcome (created, appended = dedup hit, acknowledged, resolved, ignored, invalid).",
        new CounterConfiguration { LabelNames = ["integration", "outcome"] });

    public Histogram IntakeDuration { get; } = metrics.Factory.CreateHistogram("firebreak_intake_duration_seconds",
        "Time from request to durable commit for intake requests, by endpoint.",
        new HistogramConfiguration { LabelNames = ["endpoint"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });

    public Gauge IntakeQueueDepth { get; } = metrics.Factory.CreateGauge("firebreak_intake_queue_alerts", "Alerts accepted by intake and waiting for the writer.");

    public Histogram IntakeBatchSize { get; } = metrics.Factory.CreateHistogram("firebreak_intake_batch_alerts", "Alerts committed per intake transaction (group commit).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 4, 8) });

    public static async Task CollectAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<IntakeMetrics>().OpenAlerts.Set(await services.GetRequiredService<FirebreakDb>().Alerts.CountAsync(a => a.OpenKey != null, ct));
}
