using Firebreak.Core.Incidents;
using Firebreak.Server.Hosting;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Prometheus;

namespace Firebreak.Server.Features.Incidents;

public sealed class IncidentMetrics(FirebreakMetrics metrics)
{
    public Gauge Incidents { get; } = metrics.Factory.CreateGauge("firebreak_incidents", "Incidents by status and severity.",
        new GaugeConfiguration { LabelNames = ["status", "severity"] });

    /// <summary>Apart from the status counts, so noisy alerts show and response figures need not include them.</summary>
    public Gauge FalsePositives { get; } = metrics.Factory.CreateGauge("firebreak_incidents_false_positive",
        "Incidents resolved (or closed) as false positives, by severity.", new GaugeConfiguration { LabelNames = ["severity"] });

    public static async Task CollectAsync(IServiceProvider services, CancellationToken ct)
    {
        var metrics = services.GetRequiredService<IncidentMetrics>();
        var db = services.GetRequiredService<FirebreakDb>();
        var falsePositives = await db.Incidents.Where(i => i.Resolution == IncidentResolutions.FalsePositive)
            .GroupBy(i => i.SeverityKey).Select(g => new { Severity = g.Key, Count = g.Count() }).ToListAsync(ct);
        foreach (var labels in metrics.FalsePositives.GetAllLabelValues())
        {
            metrics.FalsePositives.WithLabels(labels).Set(0);
        }

        foreach (var f in falsePositives)
        {
            metrics.FalsePositives.WithLabels(f.Severity).Set(f.Count);
        }

        var gauge = metrics.Incidents;
        var counts = await db.Incidents.GroupBy(i => new { i.Status, i.SeverityKey })
            .Select(g => new { g.Key.Status, g.Key.SeverityKey, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var labels in gauge.GetAllLabelValues())
        {
            gauge.WithLabels(labels).Set(0);
        }

        foreach (var c in counts)
        {
            gauge.WithLabels(c.Status.ToWire(), c.SeverityKey).Set(c.Count);
        }
    }
}
