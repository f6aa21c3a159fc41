using Firebreak.Core.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Firebreak.Server.Features.Ops;

/// <summary>Liveness, readiness (database reachable) and Prometheus metrics.</summary>
public static class OpsEndpoints
{
    public static IServiceCollection AddOps(this IServiceCollection services)
    {
        services.AddSingleton<FirebreakMetrics>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static IApplicationBuilder UseFirebreakHttpMetrics(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<FirebreakMetrics>();
        return app.UseHttpMetrics(o =>
        {
            o.SetMetricFactory(metrics.Factory);
            o.ReduceStatusCodeCardinality();
        });
    }

    public static void MapOpsEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).ExcludeFromDescription();

        var metrics = app.Services.GetRequiredService<FirebreakMetrics>();
        // Counting at scrape time keeps the gauge right across nodes and restarts, at the cost of one grouped query.
        metrics.Registry.AddBeforeCollectCallback(async ct =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
            var counts = await db.Incidents.GroupBy(i => new { i.Status, i.SeverityKey })
                .Select(g => new { g.Key.Status, g.Key.SeverityKey, Count = g.Count() })
                .ToListAsync(ct);
            foreach (var labels in metrics.Incidents.GetAllLabelValues())
            {
                metrics.Incidents.WithLabels(labels).Set(0);
            }

            foreach (var c in counts)
            {
                metrics.Incidents.WithLabels(c.Status.ToWire(), c.SeverityKey).Set(c.Count);
            }

            metrics.OpenAlerts.Set(await db.Alerts.CountAsync(a => a.OpenKey != null, ct));
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            metrics.WorkQueueDepth.Set(await db.WorkItems.CountAsync(ct));
            var oldestDue = await db.WorkItems.Where(w => w.DueAt <= now).OrderBy(w => w.DueAt).Select(w => (DateTimeOffset?)w.DueAt).FirstOrDefaultAsync(ct);
            metrics.WorkQueueLag.Set(oldestDue is { } due ? (now - due).TotalSeconds : 0);
        });
        app.MapMetrics("/metrics", metrics.Registry).ExcludeFromDescription();
    }
}

internal sealed class DatabaseHealthCheck(FirebreakDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("database unreachable");
}
