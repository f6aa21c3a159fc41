using Firebreak.Server.Hosting;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Prometheus;

namespace Firebreak.Server.Features.Runbooks;

/// <summary>Runbooks by health, so a dashboard can show how many would not be trusted tonight.</summary>
public sealed class RunbookMetrics(FirebreakMetrics metrics)
{
    public Gauge ByHealth { get; } = metrics.Factory.CreateGauge("firebreak_runbooks", "Runbooks by health (validated, stale, needs_update, never_run).",
        new GaugeConfiguration { LabelNames = ["health"] });

    public static async Task CollectAsync(IServiceProvider services, CancellationToken ct)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var runbooks = await services.GetRequiredService<FirebreakDb>().Runbooks.AsNoTracking().ToListAsync(ct);
        var counts = runbooks.GroupBy(r => RunbookHealth.Of(r, now)).ToDictionary(g => g.Key, g => g.Count());
        var gauge = services.GetRequiredService<RunbookMetrics>().ByHealth;
        foreach (var health in RunbookHealth.All)
        {
            gauge.WithLabels(health).Set(counts.GetValueOrDefault(health));
        }
    }
}
