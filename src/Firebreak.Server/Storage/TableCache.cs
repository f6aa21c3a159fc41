using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Storage;

/// <summary>
/// A small table that every intake batch reads (services, maintenance windows), kept in memory and emptied by any save
/// on this node that touches it (<see cref="SaveWatcher"/>). Other nodes, and <c>firebreak config apply</c>, are seen
/// within <see cref="MaxAge"/>.
/// The rows are not tracked and are shared: read them, never attach or change them.
/// </summary>
public sealed class TableCache<TEntity>(TimeProvider clock) : SaveWatcher(TrackedEntries.AnyChanged<TEntity>)
    where TEntity : class
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private volatile Entry? _entry;

    public async Task<IReadOnlyList<TEntity>> GetAsync(FirebreakDb db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_entry is { } entry && now - entry.LoadedAt < MaxAge && now >= entry.LoadedAt)
        {
            return entry.Rows;
        }

        var generation = Generation;
        var rows = await db.Set<TEntity>().AsNoTracking().ToListAsync(ct);
        if (Generation == generation)
        {
            _entry = new Entry(rows, now);
        }

        return rows;
    }

    protected override void Drop() => _entry = null;

    private sealed record Entry(IReadOnlyList<TEntity> Rows, DateTimeOffset LoadedAt);
}

public static class TableCacheSetup
{
    /// <summary>Registers the cache of <typeparamref name="TEntity"/>'s rows and the interceptor that keeps it current.</summary>
    public static IServiceCollection AddTableCache<TEntity>(this IServiceCollection services)
        where TEntity : class
    {
        services.AddSingleton<TableCache<TEntity>>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<TableCache<TEntity>>());
        return services;
    }
}
