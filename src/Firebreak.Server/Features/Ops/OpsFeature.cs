using Firebreak.Server.Hosting;
using Firebreak.Server.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Firebreak.Server.Features.Ops;

/// <summary>Liveness, readiness (database reachable) and Prometheus metrics; what is counted, each feature registers.</summary>
public sealed class OpsFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<FirebreakMetrics>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
    }

    public void Map(WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).ExcludeFromDescription();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<FirebreakMetrics>().Registry).ExcludeFromDescription();
    }

    /// <summary>Request counts and durations by route and status class, into the server's own registry.</summary>
    public static IApplicationBuilder UseHttpMetrics(IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<FirebreakMetrics>();
        return app.UseHttpMetrics(o =>
        {
            o.SetMetricFactory(metrics.Factory);
            o.ReduceStatusCodeCardinality();
        });
    }
}

internal sealed class DatabaseHealthCheck(FirebreakDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("database unreachable");
}
