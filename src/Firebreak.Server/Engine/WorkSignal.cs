using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Engine;

/// <summary>
/// Wakes this node's runner as soon as a transaction that added or moved work commits, so work due now does not wait
/// for the next poll. Other nodes find it on their poll.
/// </summary>
public sealed class WorkSignal : SaveChangesInterceptor, IDisposable
{
    private readonly SemaphoreSlim pulses = new(0, 1);

    public void Dispose() => pulses.Dispose();

    public void Pulse()
    {
        if (pulses.CurrentCount == 0)
        {
            try
            {
                pulses.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread pulsed first; one pending wake-up is enough.
            }
        }
    }

    /// <summary>Waits for a pulse or until <paramref name="deadline"/> on <paramref name="clock"/>.</summary>
    public async Task WaitAsync(DateTimeOffset deadline, TimeProvider clock, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var remaining = deadline - clock.GetUtcNow();
        var timer = remaining > TimeSpan.Zero ? Task.Delay(remaining, clock, stop.Token) : Task.CompletedTask;
        var pulse = pulses.WaitAsync(stop.Token);
        await Task.WhenAny(timer, pulse);
        await stop.CancelAsync();
        await Task.WhenAll(timer, pulse).ContinueWith(_ => { }, TaskScheduler.Default);
        ct.ThrowIfCancellationRequested();
    }

    // A spurious pulse costs the runner one look at the queue, so any save that tracked work items pulses.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PulseIfWork(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        PulseIfWork(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void PulseIfWork(DbContext? context)
    {
        if (context?.ChangeTracker.Entries<WorkItem>().Any() == true)
        {
            Pulse();
        }
    }
}
