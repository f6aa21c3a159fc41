using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Hosting;
using Firebreak.Server.Storage;
using Prometheus;

namespace Firebreak.Server.Features.Analytics;

/// <summary>
/// Time to acknowledge, mitigate and resolve as Prometheus histograms by severity, for Grafana's
/// <c>histogram_quantile</c>. Observed on the node where the incident reaches the milestone, so they count from this
/// process's start; the analytics page reads the database for history.
/// </summary>
public sealed class ResponseTimeHistograms(FirebreakMetrics metrics)
{
    // 30 s to 1 day: acknowledge targets are minutes, resolutions hours.
    private static readonly double[] s_buckets = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400];

    public Histogram Acknowledge { get; } = Create(metrics, "acknowledge", "declaration to first acknowledgement");

    public Histogram Mitigate { get; } = Create(metrics, "mitigate", "declaration to mitigation");

    public Histogram Resolve { get; } = Create(metrics, "resolve", "declaration to resolution");

    private static Histogram Create(FirebreakMetrics metrics, string milestone, string span) =>
        metrics.Factory.CreateHistogram($"firebreak_incident_time_to_{milestone}_seconds",
            $"Seconds from {span}, by severity; drills and test incidents are left out.",
            new HistogramConfiguration { LabelNames = ["severity"], Buckets = s_buckets });
}

/// <summary>
/// Observes each milestone the unit of work reaches, once per scope however many hooks run: an incident resolved by
/// a responder passes both the change and the resolved hook. A milestone is reached when its stored value was empty
/// before this unit of work.
/// </summary>
public sealed class ResponseTimeObserver(ResponseTimeHistograms histograms)
{
    private readonly HashSet<(long Incident, string Milestone)> _observed = [];

    public void Observe(FirebreakDb db, Incident incident)
    {
        if (incident.IsDrill || incident.TestSentBy is not null || incident.Resolution == IncidentResolutions.FalsePositive)
        {
            return;
        }

        var entry = db.Entry(incident);
        if (entry.State is not (Microsoft.EntityFrameworkCore.EntityState.Modified or Microsoft.EntityFrameworkCore.EntityState.Unchanged))
        {
            return;
        }

        Reached(nameof(Incident.AcknowledgedAt), histograms.Acknowledge);
        Reached(nameof(Incident.MitigatedAt), histograms.Mitigate);
        Reached(nameof(Incident.ResolvedAt), histograms.Resolve);

        void Reached(string property, Histogram histogram)
        {
            var value = entry.Property<DateTimeOffset?>(property);
            if (value.OriginalValue is null && value.CurrentValue is { } at && _observed.Add((incident.Id, property)))
            {
                var seconds = (at - incident.DeclaredAt).TotalSeconds;
                histogram.WithLabels(incident.SeverityKey).Observe(Math.Max(0, seconds));
            }
        }
    }
}

public sealed class ObserveResponseTimesOnChange(ResponseTimeObserver observer) : IIncidentChangeStep
{
    public Task OnChangedAsync(FirebreakDb db, Incident incident, DateTimeOffset now, CancellationToken ct)
    {
        observer.Observe(db, incident);
        return Task.CompletedTask;
    }
}

public sealed class ObserveResponseTimesOnResolve(ResponseTimeObserver observer) : IIncidentResolvedStep
{
    public Task OnResolvedAsync(FirebreakDb db, Incident incident, DateTimeOffset now, CancellationToken ct)
    {
        observer.Observe(db, incident);
        return Task.CompletedTask;
    }
}
