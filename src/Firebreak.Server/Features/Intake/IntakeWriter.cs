using System.Threading.Channels;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Features.Intake.HotPath;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Group commit for intake. Requests hand their alerts to this one writer, which applies everything queued in one
/// transaction — one fsync — and then answers all of them. One commit per request is bound by the disk's fsync rate;
/// one commit per batch lets a storm share it. Every sender still gets its 2xx only after its alerts are on disk.
/// </summary>
public sealed class IntakeWriter(
    IntakeWriterLimits limits, IServiceScopeFactory scopes, HotPathWriter hotPath, IncidentEvents events, AlertActivity alerts,
    IntakeMetrics metrics, TimeProvider clock, ILogger<IntakeWriter> log)
    : BackgroundService
{
    private static readonly TimeSpan s_busyRetryAfter = TimeSpan.FromSeconds(1);

    private readonly Channel<IntakeWork> _queue = Channel.CreateUnbounded<IntakeWork>(new UnboundedChannelOptions { SingleReader = true });
    private int _queued;

    /// <summary>Queues the alerts; the task completes once they are committed. Throws <see cref="IntakeBusyException"/> when full.</summary>
    public Task<IReadOnlyList<IntakeResult>> SubmitAsync(Integration integration, IReadOnlyList<AlertSignal> signals, string? sourceAddress)
    {
        var work = new IntakeWork(integration, signals, sourceAddress);
        var queued = Interlocked.Add(ref _queued, work.Weight);
        // A request arriving at an empty queue is always taken, however large, so a big webhook is never refused forever.
        if (queued > limits.MaxQueuedAlerts && queued != work.Weight)
        {
            Interlocked.Add(ref _queued, -work.Weight);
            throw new IntakeBusyException(s_busyRetryAfter, $"Firebreak is writing {queued - work.Weight} queued alerts; retry in a second.");
        }

        if (!_queue.Writer.TryWrite(work))
        {
            Interlocked.Add(ref _queued, -work.Weight);
            throw new IntakeBusyException(s_busyRetryAfter, "Firebreak is shutting down; retry against another node or in a moment.");
        }

        metrics.IntakeQueueDepth.Set(Volatile.Read(ref _queued));
        return work.Done.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Drain rather than drop: everything accepted into the queue is written before the process exits.
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } running)
        {
            await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<IntakeWork>();
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            var alerts = 0;
            while (alerts < limits.MaxBatchAlerts && _queue.Reader.TryRead(out var work))
            {
                batch.Add(work);
                alerts += work.Weight;
            }

            Interlocked.Add(ref _queued, -alerts);
            metrics.IntakeQueueDepth.Set(Volatile.Read(ref _queued));
            metrics.IntakeBatchSize.Observe(alerts);
            await WriteAsync(batch);
        }
    }

    private async Task WriteAsync(List<IntakeWork> batch)
    {
        try
        {
            Complete(batch, await CommitAsync(batch));
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One bad request must not fail the others that shared its transaction: retry each on its own.
            log.LogWarning(ex, "Intake batch of {Requests} requests failed; retrying them one by one", batch.Count);
            foreach (var work in batch)
            {
                try
                {
                    Complete([work], await CommitAsync([work]));
                }
                catch (Exception single)
                {
                    work.Done.TrySetException(single);
                }
            }
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
        }
    }

    private async Task<(List<IReadOnlyList<IntakeResult>> Results, List<IncidentChanged> Changes)> CommitAsync(IReadOnlyList<IntakeWork> batch)
    {
        var hot = await hotPath.TryWriteAsync(batch, clock.GetUtcNow());
        if (hot.Results is not null)
        {
            return (hot.Results, hot.Changes);
        }

        return await WriteFullAsync(batch, hot.NotOpen);
    }

    /// <summary>
    /// The full path. What the repeat path found not open holds for the first attempt only: a retry follows another
    /// node storing the same open alert (or incident number) first, and must read what it stored.
    /// </summary>
    internal Task<(List<IReadOnlyList<IntakeResult>> Results, List<IncidentChanged> Changes)> WriteFullAsync(IReadOnlyList<IntakeWork> batch, KeysNotOpen notOpen)
    {
        var attempt = 0;
        // Requests already answered are not undone by their sender going away, so no request's token is used.
        return WithBatchAsync(intake => intake.SaveAsync(batch, attempt++ == 0 ? notOpen : KeysNotOpen.None, CancellationToken.None));
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a fresh <see cref="IntakeBatch"/> while no other local writer creates incidents,
    /// redoing it when another node stored the same open alert or incident number first.
    /// </summary>
    public Task<(T Result, List<IncidentChanged> Changes)> WithBatchAsync<T>(Func<IntakeBatch, Task<T>> work) =>
        IncidentOpener.RunInFreshScopesAsync(scopes, async services =>
        {
            var intake = services.GetRequiredService<IntakeBatch>();
            var result = await work(intake);
            return (result, intake.Touched.Select(i => new IncidentChanged(i.Id, i.Slug, i.Revision)).ToList());
        }, CancellationToken.None);

    public void Publish(IEnumerable<IncidentChanged> changes)
    {
        foreach (var change in changes)
        {
            events.Publish(change);
        }
    }

    private void Complete(List<IntakeWork> batch, (List<IReadOnlyList<IntakeResult>> Results, List<IncidentChanged> Changes) done)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(done.Results[i]);
        }

        Publish(done.Changes);
        alerts.Note();
    }
}

/// <param name="MaxQueuedAlerts">Alerts waiting beyond this are refused with 503 + Retry-After rather than queued without bound.</param>
/// <param name="MaxBatchAlerts">Bounds one transaction, so one batch's latency stays small and a backlog commits in steps.</param>
public sealed record IntakeWriterLimits(int MaxQueuedAlerts = 50_000, int MaxBatchAlerts = 5_000)
{
    public static IntakeWriterLimits FromConfiguration(IConfiguration config) => new(
        Math.Max(1, config.GetValue("Firebreak:IntakeQueueAlerts", 50_000)),
        Math.Max(1, config.GetValue("Firebreak:IntakeBatchAlerts", 5_000)));
}
