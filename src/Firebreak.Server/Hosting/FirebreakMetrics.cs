using Prometheus;

namespace Firebreak.Server.Hosting;

/// <summary>
/// The server's metrics registry. One per server rather than prometheus-net's process-wide default, so several servers
/// in one process (tests, or an embedded host) never report each other's numbers. Each feature creates its own
/// instruments from <see cref="Factory"/> and registers what it counts at scrape time with <see cref="OnCollect"/>.
/// </summary>
public sealed class FirebreakMetrics
{
    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public IMetricFactory Factory => Metrics.WithCustomRegistry(Registry);

    /// <summary>
    /// Counts taken at scrape time, in a fresh scope: they stay right across nodes and restarts for the cost of one query.
    /// </summary>
    public void OnCollect(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task> collect) =>
        Registry.AddBeforeCollectCallback(async ct =>
        {
            await using var scope = services.CreateAsyncScope();
            await collect(scope.ServiceProvider, ct);
        });
}
