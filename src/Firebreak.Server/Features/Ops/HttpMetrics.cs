using Prometheus;

namespace Firebreak.Server.Features.Ops;

public static class HttpMetrics
{
    public static IApplicationBuilder UseHttpMetricsForFirebreak(this IApplicationBuilder app) =>
        app.UseHttpMetrics(o => o.ReduceStatusCodeCardinality());
}
