using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Engine;

/// <summary>A work item this node leased to itself when it was written, to run as soon as that write commits.</summary>
/// <param name="AsCommitted">The row as the handing-over transaction committed it, so the runner need not read it back.</param>
public sealed record HotItem(long Id, string Owner, WorkItem? AsCommitted = null);

/// <summary>
/// Tells this node's runner about work as soon as the transaction that wrote it commits. Work due at once (a page, the
/// next escalation look) is leased to this node in the same transaction that adds it and handed straight to the
/// runner after the commit, so it skips the claim round trip; anything else wakes the runner to look at the queue.
/// Waking before the commit would only make the runner wait on the writer's lock. Other nodes find work on their poll.
/// </summary>
public sealed class WorkSignal(TimeProvider clock, WorkRunnerOptions options) : ISaveChangesInterceptor, IDbTransactionInterceptor, IDisposable
{
    private readonly SemaphoreSlim _pulses = new(0, 1);
    private readonly Channel<HotItem> _hot = Channel.CreateUnbounded<HotItem>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    // When the claim loop will look at the queue by itself (UTC ticks); MaxValue while it is not waiting, so any work wakes it.
    private long _sleepingUntil = long.MaxValue;

    /// <summary>Names this node in leases, so an operator can see who holds what.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Handed-over work waiting for <see cref="WorkRunner.RunDueAsync"/>, written while no <see cref="Dispatcher"/> was set.</summary>
    public ChannelReader<HotItem> Hot => _hot.Reader;

    /// <summary>Set by a runner with its background loops on: takes handed-over work the moment its commit ends.</summary>
    public Action<HotItem>? Dispatcher { get; set; }

    public void Dispose() => _pulses.Dispose();

    public string NewOwner() => $"{NodeId}/{Guid.NewGuid():N}";

    public void Pulse()
    {
        if (_pulses.CurrentCount == 0)
        {
            try
            {
                _pulses.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread pulsed first; one _pending wake-up is enough.
            }
        }
    }

    /// <summary>Waits for a pulse or until <paramref name="deadline"/> on <paramref name="clock"/>.</summary>
    public async Task WaitAsync(DateTimeOffset deadline, TimeProvider clock, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var remaining = deadline - clock.GetUtcNow();
        var timer = remaining > TimeSpan.Zero ? Task.Delay(remaining, clock, stop.Token) : Task.CompletedTask;
        var pulse = _pulses.WaitAsync(stop.Token);
        Volatile.Write(ref _sleepingUntil, deadline.UtcTicks);
        try
        {
            await Task.WhenAny(timer, pulse);
        }
        finally
        {
            Volatile.Write(ref _sleepingUntil, long.MaxValue);
        }

        await stop.CancelAsync();
        await Task.WhenAll(timer, pulse).ContinueWith(_ => { }, TaskScheduler.Default);
        ct.ThrowIfCancellationRequested();
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        LeaseHotWork(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        LeaseHotWork(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // What a transaction disposed without commit or rollback left on a pooled context is dropped when the next one starts.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData.Context);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Leases new work that is due now to this node, inside the transaction that adds it.</summary>
    private void LeaseHotWork(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var entry in TrackedEntries.Of<WorkItem>(context))
        {
            var item = entry.Entity;
            if (entry.State == EntityState.Added && item.RunHere && item.LeaseOwner is null && item.DueAt <= now)
            {
                item.LeaseOwner = NewOwner();
                item.LeaseUntil = now + options.Lease;
            }
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Pooled contexts live on, so a save that touched no work leaves nothing behind for a transaction never ended.
        var entries = TrackedEntries.Of<WorkItem>(context);
        var woken = TrackedEntries.Of<WorkWake>(context).Count > 0;
        if (entries.Count == 0 && !woken && !_pending.TryGetValue(context, out _))
        {
            return;
        }

        var work = _pending.GetOrCreateValue(context);
        if (woken)
        {
            work.Need(DateTimeOffset.MinValue);
        }

        foreach (var entry in entries)
        {
            var item = entry.Entity;
            if (item.LeaseOwner is null && entry.State != EntityState.Deleted)
            {
                work.Need(item.DueAt);
            }

            if (item.RunHere && item.LeaseOwner is { } owner && owner.StartsWith(NodeId, StringComparison.Ordinal))
            {
                work.Hot.Add((item, owner));
            }

            item.RunHere = false;
        }

        if (context.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var work))
        {
            return;
        }

        _pending.Remove(context);
        // Work rescheduled or finished later in the same transaction has dropped its lease and is not handed over.
        var dispatch = Dispatcher;
        foreach (var (item, owner) in work.Hot.Where(h => h.Item.LeaseOwner == h.Owner))
        {
            var hotItem = new HotItem(item.Id, owner, item.Copy());
            if (dispatch is null)
            {
                // Before the runner's loops start (work written while the server prepares) or with them off: the claim
                // loop takes it from here, so wake it; left alone it would wait out its lease.
                _hot.Writer.TryWrite(hotItem);
                work.Need(DateTimeOffset.MinValue);
            }
            else
            {
                // Off the committing thread: an intake writer must not wait for a send.
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Dispatch(s.Item), (Dispatch: dispatch, Item: hotItem), preferLocal: false);
            }
        }

        // Unleased work (new, rescheduled) needs the claim loop, unless it falls due after the loop looks by itself: an
        // incident's next escalation step or first comms reminder, minutes away, would otherwise cost a look at the queue
        // beside every first page. A spurious pulse costs one look.
        if (work.Earliest is { } earliest && earliest.UtcTicks < Volatile.Read(ref _sleepingUntil))
        {
            Pulse();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private sealed class Pending
    {
        /// <summary>When the earliest unleased work this transaction wrote falls due; MinValue for work due whatever the time.</summary>
        public DateTimeOffset? Earliest { get; private set; }

        public void Need(DateTimeOffset due) => Earliest = Earliest is { } e && e <= due ? e : due;

        public List<(WorkItem Item, string Owner)> Hot { get; } = [];
    }
}
