using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Storage;

/// <summary>
/// Empties an in-memory copy of some tables whenever a save on this node touches them: before the save, after it, and
/// after its commit. A save is recognised by the rows it tracks before it runs (a removed row has left the tracker
/// after it), and emptying again at the commit closes the window in which a read between save and commit would keep
/// the old rows. A load still running when the copy is emptied may have missed the change: <see cref="Generation"/>
/// tells, and such a load is served but not kept. Other nodes are the copy's own business (a maximum age).
/// </summary>
public abstract class SaveWatcher(Func<DbContext, bool> touches) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _touched = [];
    private long _generation;

    /// <summary>Changes whenever the copy is emptied: read it before loading, and keep the load only if it is unchanged.</summary>
    protected long Generation => Interlocked.Read(ref _generation);

    /// <summary>Empties the copy; the next read loads it again.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        Drop();
    }

    /// <summary>Drops what is held in memory.</summary>
    protected abstract void Drop();

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

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saving(DbContext? context)
    {
        if (context is not null && touches(context))
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

    // Nothing reached the database, so what was loaded meanwhile stands; the context is simply no longer watched.
    private void RolledBack(DbContext? context)
    {
        if (context is not null)
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
}
