using System.Collections.Concurrent;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Engine;

public sealed record WorkRunnerOptions(bool Background, TimeSpan Poll, TimeSpan Lease, int BatchSize, int Parallelism)
{
    public static WorkRunnerOptions FromConfiguration(IConfiguration config) => new(
        config.GetValue("Firebreak:Engine:Background", true),
        TimeSpan.FromMilliseconds(config.GetValue("Firebreak:Engine:PollMilliseconds", 1000)),
        TimeSpan.FromSeconds(config.GetValue("Firebreak:Engine:LeaseSeconds", 60)),
        config.GetValue("Firebreak:Engine:BatchSize", 200),
        config.GetValue("Firebreak:Engine:Parallelism", 8));
}

/// <summary>
/// This node's worker: claims due work with a lease, runs each item's handler, and completes or reschedules it in the
/// same transaction as the handler's changes. It sleeps until the next item is due, a local commit adds work, or the
/// poll interval passes (which is how it finds work other nodes added and leases that expired). Work this node leased
/// to itself as it committed (see <see cref="WorkSignal"/>) is handed straight to a pool thread, beside the claim loop.
/// </summary>
public sealed class WorkRunner(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    WorkSignal signal,
    WorkRunnerOptions options,
    IEnumerable<IWorkHandler> handlers,
    EngineMetrics metrics,
    ILogger<WorkRunner> log) : BackgroundService
{
    private readonly Dictionary<string, IWorkHandler> _byKind = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
    private readonly SemaphoreSlim _hotSlots = new(options.Parallelism, options.Parallelism);

    /// <summary>Names this node in leases, so an operator can see who holds what.</summary>
    public string NodeId => signal.NodeId;

    public override void Dispose()
    {
        _hotSlots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Background)
        {
            return;
        }

        await Task.Yield();
        var running = new ConcurrentDictionary<Task, bool>();
        signal.Dispatcher = item =>
        {
            var task = RunHotAsync(item, stoppingToken);
            running[task] = true;
            _ = task.ContinueWith(t => running.TryRemove(t, out _), TaskScheduler.Default);
        };
        try
        {
            await ClaimLoopAsync(stoppingToken);
        }
        finally
        {
            // Work handed over from now on keeps its lease; another node (or this one, restarted) claims it when it runs out.
            signal.Dispatcher = null;
            await Task.WhenAll(running.Keys).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Runs work this node's own commit handed over, on a pool thread, a bounded number at a time.</summary>
    private async Task RunHotAsync(HotItem item, CancellationToken ct)
    {
        try
        {
            await _hotSlots.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            await RunOneAsync(item.Id, item.Owner, ct, item.AsCommitted);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping; the lease runs out and the item is claimed again.
        }
        finally
        {
            _hotSlots.Release();
        }
    }

    private async Task ClaimLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunDueAsync(stoppingToken) > 0)
                {
                    continue;
                }

                var now = clock.GetUtcNow();
                var deadline = now + options.Poll;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    if (await WorkQueue.NextWakeAsync(scope.ServiceProvider.GetRequiredService<FirebreakDb>(), stoppingToken) is { } next && next < deadline)
                    {
                        deadline = next;
                    }
                }

                await signal.WaitAsync(deadline, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be briefly unreachable (a PostgreSQL fail-over); keep the node alive and look again.
                log.LogError(ex, "The work runner failed to poll the queue; retrying");
                await Task.Delay(options.Poll, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Runs the work this node's commits handed over, then claims and runs everything due now, batch by batch; returns
    /// how many items ran.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            // Handed-over work with nobody to dispatch it runs here: with the background loops off (tests drive the
            // engine), or written before they started.
            while (signal.Hot.TryRead(out var item))
            {
                await RunOneAsync(item.Id, item.Owner, ct, item.AsCommitted);
                total++;
            }

            var owner = signal.NewOwner();
            IReadOnlyList<long> ids;
            var now = clock.GetUtcNow();
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
                await WorkQueue.ApplyWakesAsync(db, now, ct);
                ids = await WorkQueue.ClaimAsync(db, owner, now, options.Lease, options.BatchSize, ct);
            }

            if (ids.Count == 0)
            {
                if (signal.Hot.TryPeek(out _))
                {
                    continue;
                }

                return total;
            }

            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
                (id, token) => new ValueTask(RunOneAsync(id, owner, token)));
            total += ids.Count;
        }
    }

    private async Task RunOneAsync(long id, string owner, CancellationToken ct, WorkItem? asCommitted = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
        var now = clock.GetUtcNow();
        var item = await LeasedAsync(db, id, owner, asCommitted, now, ct);
        if (item is null)
        {
            return;
        }

        metrics.WorkFiringDelay.WithLabels(item.Kind).Observe(Math.Max(0, (now - item.DueAt).TotalSeconds));
        if (!_byKind.TryGetValue(item.Kind, out var handler))
        {
            log.LogError("Work item {Id} has unknown kind {Kind}; leaving it for a node that knows it", item.Id, item.Kind);
            return;
        }

        try
        {
            // Read before the handler reads anything: a wake committed after this is not covered by this run and stays.
            List<long> wakes = handler.Wakeable ? await s_queries.For(db).Wakes(db, item.Kind, item.IncidentId).ToListAsync(ct) : [];
            var work = new WorkContext(db, item, now, scope.ServiceProvider);
            var result = await handler.HandleAsync(work, ct);
            if (result.RunAgainAt is { } again)
            {
                item.DueAt = again;
                item.LeaseOwner = null;
                item.LeaseUntil = null;
                item.Failures = 0;
                item.LastError = null;
            }
            else
            {
                db.WorkItems.Remove(item);
            }

            await db.SaveChangesAsync(ct);
            if (wakes.Count > 0)
            {
                // After the commit and without a row-count check: a crash in between only costs one more run.
                await db.WorkWakes.Where(k => wakes.Contains(k.Id)).ExecuteDeleteAsync(ct);
            }

            work.AfterCommit.ForEach(a => a());
        }
        catch (DbUpdateConcurrencyException ex) when (ex.Entries.Any(e => e.Entity is WorkItem))
        {
            log.LogWarning("Work item {Id} ({Kind}) was taken over by another node after its lease ran out; its result here is discarded", id, item.Kind);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError(ex, "Work item {Id} ({Kind}) failed; it will be retried", id, item.Kind);
            await ReleaseAfterFailureAsync(id, owner, ex, ct);
        }
    }

    /// <summary>
    /// The item, if this node still holds its lease. Work this node's own commit just handed over is taken as committed
    /// while most of its lease is left: nobody else may touch it until the lease runs out, and reading it back would put
    /// one more round trip between an alert and its page. A lease mostly spent (a long queue) is checked in the database.
    /// </summary>
    private async Task<WorkItem?> LeasedAsync(FirebreakDb db, long id, string owner, WorkItem? asCommitted, DateTimeOffset now, CancellationToken ct)
    {
        if (asCommitted is { LeaseUntil: { } until } item && item.Id == id && item.LeaseOwner == owner && until - now >= options.Lease / 2)
        {
            db.Attach(item);
            return item;
        }

        return await s_queries.For(db).Leased(db, id, owner, ct);
    }

    private async Task ReleaseAfterFailureAsync(long id, string owner, Exception ex, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
        var item = await db.WorkItems.SingleOrDefaultAsync(w => w.Id == id && w.LeaseOwner == owner, ct);
        if (item is null)
        {
            return;
        }

        item.Failures++;
        item.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
        item.DueAt = clock.GetUtcNow() + Backoff(item.Failures);
        item.LeaseOwner = null;
        item.LeaseUntil = null;
        await db.SaveChangesAsync(ct);
    }

    // Every item run makes these reads; compiled, EF skips taking the LINQ apart each time.
    private static readonly PerProvider<RunQueries> s_queries = new(() => new RunQueries());

    private sealed class RunQueries
    {
        public Func<FirebreakDb, long, string, CancellationToken, Task<WorkItem?>> Leased { get; } =
            EF.CompileAsyncQuery((FirebreakDb db, long id, string owner, CancellationToken ct) => db.Set<WorkItem>().SingleOrDefault(w => w.Id == id && w.LeaseOwner == owner));

        public Func<FirebreakDb, string, long?, IAsyncEnumerable<long>> Wakes { get; } =
            EF.CompileAsyncQuery((FirebreakDb db, string kind, long? incidentId) => db.Set<WorkWake>().Where(k => k.Kind == kind && k.IncidentId == incidentId).Select(k => k.Id));
    }

    /// <summary>5 s, 10 s, 20 s … capped at 5 minutes: a failing handler keeps being tried without hammering.</summary>
    internal static TimeSpan Backoff(int failures) => TimeSpan.FromSeconds(Math.Min(300, 5 * Math.Pow(2, Math.Min(failures - 1, 10))));
}
