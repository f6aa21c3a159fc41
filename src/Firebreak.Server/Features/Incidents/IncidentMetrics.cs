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

    public static async Task CollectAsync(IServiceProvider services, CancellationToken ct)
    {
        var gauge = services.GetRequiredService<IncidentMetrics>().Incidents;
        var counts = await services.GetRequiredService<FirebreakDb>().Incidents.GroupBy(i => new { i.Status, i.SeverityKey })
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
