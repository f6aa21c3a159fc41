using System.Runtime.CompilerServices;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Features.Runbooks.Runners;

/// <summary>
/// Wakes the runners' held polls when a job is written, after the save that wrote it, so a waiting runner takes a new
/// step at once instead of at its next poll. Waking before the save would find nothing to take.
/// </summary>
public sealed class RunnerSignal : ISaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _touched = [];
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next job written; every waiting poll sees it.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
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

    private void Note(DbContext? context)
    {
        // Added is set by Add itself, so the full change scan ChangeTracker.Entries would start (on every save) is not needed.
        if (context is not null && TrackedEntries.Of<RunnerJob>(context).Exists(e => e.State == EntityState.Added))
        {
            _touched.AddOrUpdate(context, true);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && _touched.Remove(context))
        {
            Pulse();
        }
    }
}
