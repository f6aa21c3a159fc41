using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Per-integration token buckets for integrations that set a rate. A storm from one sender is slowed with 429 and
/// Retry-After — senders retry — instead of crowding out every other integration's alerts.
/// </summary>
public sealed class IntakeRateLimits : IDisposable
{
    private readonly ConcurrentDictionary<(long Id, int Rate), TokenBucketRateLimiter> _buckets = new();

    /// <summary>Takes <paramref name="events"/> tokens, or returns how long to wait before retrying.</summary>
    public TimeSpan? TryTake(Integration integration, int events)
    {
        if (integration.RatePerMinute is not { } rate || rate <= 0)
        {
            return null;
        }

        var bucket = _buckets.GetOrAdd((integration.Id, rate), key => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = key.Rate,
            TokensPerPeriod = Math.Max(1, key.Rate / 60),
            ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, 60 / key.Rate)),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = bucket.AttemptAcquire(Math.Clamp(events, 1, rate));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(1);
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }
}
