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
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    public Gauge Incidents { get; }
}
