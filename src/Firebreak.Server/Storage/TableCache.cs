using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Storage;

/// <summary>
/// A small table that every intake batch reads (services, maintenance windows), kept in memory. A save on this node that
/// adds, changes or removes one of its rows empties it, and so does that save's commit: a read between the two would
/// otherwise keep the old rows. Other nodes, and <c>firebreak config apply</c>, are seen within <see cref="MaxAge"/>.
/// The rows are not tracked and are shared: read them, never attach or change them.
/// </summary>
public sealed class TableCache<TEntity>(TimeProvider clock) : SaveChangesInterceptor, IDbTransactionInterceptor
    where TEntity : class
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConditionalWeakTable<DbContext, object> _touched = [];
    private volatile Entry? _entry;
    private long _version;

    public async Task<IReadOnlyList<TEntity>> GetAsync(FirebreakDb db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_entry is { } entry && now - entry.LoadedAt < MaxAge && now >= entry.LoadedAt)
        {
            return entry.Rows;
        }

        var version = Interlocked.Read(ref _version);
        var rows = await db.Set<TEntity>().AsNoTracking().ToListAsync(ct);
        // A change saved while this read ran may be missing from it: then serve the rows once without keeping them.
        if (Interlocked.Read(ref _version) == version)
        {
            _entry = new Entry(rows, now);
        }

        return rows;
    }

    public void Forget()
    {
        Interlocked.Increment(ref _version);
        _entry = null;
    }

    // A save is recognised by its tracked rows of the table before it runs (a removed row is gone from the tracker
    // after), and the cache is emptied after it and again after its commit, in case a read came in between.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget();

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saving(DbContext? context)
    {
        if (context is not null && TrackedEntries.Any<TEntity>(context))
        {
            _touched.AddOrUpdate(context, this);
            Forget();
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_touched.TryGetValue(context, out _))
        {
            return;
        }

        Forget();
        if (context.Database.CurrentTransaction is null)
        {
            _touched.Remove(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _touched.Remove(context))
        {
            Forget();
        }
    }

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
