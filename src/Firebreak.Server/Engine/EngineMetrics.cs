using Firebreak.Server.Hosting;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Prometheus;

namespace Firebreak.Server.Engine;

public sealed class EngineMetrics(FirebreakMetrics metrics)
{
    public Gauge WorkQueueDepth { get; } = metrics.Factory.CreateGauge("firebreak_work_queue_items", "Deferred work items (escalations, notifications, retries) in the queue.");

    public Gauge WorkQueueLag { get; } = metrics.Factory.CreateGauge("firebreak_work_queue_lag_seconds",
        "Now minus the due time of the oldest work item that is due and not done: how far behind the engine is.");

    public Histogram WorkFiringDelay { get; } = metrics.Factory.CreateHistogram("firebreak_work_firing_delay_seconds",
        "Delay from a work item's due time to the moment a node started it, by kind.",
        new HistogramConfiguration { LabelNames = ["kind"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });

    public static async Task CollectAsync(IServiceProvider services, CancellationToken ct)
    {
        var metrics = services.GetRequiredService<EngineMetrics>();
        var db = services.GetRequiredService<FirebreakDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        metrics.WorkQueueDepth.Set(await db.WorkItems.CountAsync(ct));
        var oldestDue = await db.WorkItems.Where(w => w.DueAt <= now).OrderBy(w => w.DueAt).Select(w => (DateTimeOffset?)w.DueAt).FirstOrDefaultAsync(ct);
        metrics.WorkQueueLag.Set(oldestDue is { } due ? (now - due).TotalSeconds : 0);
    }
}
