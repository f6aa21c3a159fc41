using Firebreak.Core.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Firebreak.Server.Features.Ops;

/// <summary>Liveness, readiness (database reachable) and Prometheus metrics.</summary>
public static class OpsEndpoints
{
    private static readonly Gauge s_incidents = Metrics.CreateGauge(
        "firebreak_incidents", "Incidents by status and severity.", new GaugeConfiguration { LabelNames = ["status", "severity"] });

    public static IServiceCollection AddOps(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static void MapOpsEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).ExcludeFromDescription();

        // Counting at scrape time keeps the gauge right across nodes and restarts, at the cost of one grouped query.
        Metrics.DefaultRegistry.AddBeforeCollectCallback(async ct =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
            var counts = await db.Incidents.GroupBy(i => new { i.Status, i.SeverityKey })
                .Select(g => new { g.Key.Status, g.Key.SeverityKey, Count = g.Count() })
                .ToListAsync(ct);
            foreach (var status in Enum.GetValues<IncidentStatus>())
            {
                foreach (var c in counts.Where(c => c.Status == status))
                {
                    s_incidents.WithLabels(status.ToWire(), c.SeverityKey).Set(c.Count);
                }
            }

            foreach (var labels in s_incidents.GetAllLabelValues())
            {
                if (!counts.Any(c => c.Status.ToWire() == labels[0] && c.SeverityKey == labels[1]))
                {
                    s_incidents.WithLabels(labels).Set(0);
                }
            }
        });
        app.MapMetrics("/metrics").ExcludeFromDescription();
    }
}

internal sealed class DatabaseHealthCheck(FirebreakDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("database unreachable");
}
