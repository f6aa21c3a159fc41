using Firebreak.Server.Engine;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Engine;

/// <summary>A standing work item that reschedules itself an hour out, and can be held inside its first run.</summary>
public sealed class HeldStandingHandler : IWorkHandler
{
    public const string KindName = "test-standing";

    private int _runs;

    public string Kind => KindName;

    public bool Wakeable => true;

    public int Runs => Volatile.Read(ref _runs);

    /// <summary>Set to make the next run wait inside the handler until <see cref="Release"/>.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _held?.TrySetResult();

    private TaskCompletionSource? _held;

    public async Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        Interlocked.Increment(ref _runs);
        if (Hold is { } hold)
        {
            Hold = null;
            _held = hold;
            Entered.TrySetResult();
            await hold.Task.WaitAsync(ct);
            Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return WorkResult.At(work.Now + TimeSpan.FromHours(1));
    }
}

public abstract class WorkWakeFixture(DatabaseProvider provider) : WorkHandlerFixture<HeldStandingHandler>(provider);

public sealed class SqliteWorkWakeFixture() : WorkWakeFixture(DatabaseProvider.Sqlite);

public sealed class PostgresWorkWakeFixture() : WorkWakeFixture(DatabaseProvider.Postgres);

/// <summary>
/// A change wakes standing work in its own transaction; no wake is lost to the item's own run rescheduling itself, and
/// none runs it twice.
/// </summary>
public abstract class WorkWakeTests(WorkWakeFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private HeldStandingHandler Handler => fixture.Handler;

    private Task<int> WakeAsync() => Server.WithDbAsync(async db =>
    {
        await WorkQueue.WakeAsync(db, HeldStandingHandler.KindName, Server.Clock.GetUtcNow(), default);
        return await db.SaveChangesAsync();
    });

    /// <summary>Starts from no item: a wake adds it, due now.</summary>
    private async Task StartAsync()
    {
        await Server.WithDbAsync(db => db.WorkItems.Where(w => w.Kind == HeldStandingHandler.KindName).ExecuteDeleteAsync());
        await WakeAsync();
    }

    private Task<WorkItem> ItemAsync() => Server.WithDbAsync(db => db.WorkItems.AsNoTracking().SingleAsync(w => w.Kind == HeldStandingHandler.KindName));

    [Fact]
    public async Task AWakeWithNoItem_AddsIt_AndItRunsOnce()
    {
        await StartAsync();
        var before = Handler.Runs;
        await fixture.Runner.RunDueAsync();

        Assert.Equal(before + 1, Handler.Runs);
        Assert.Equal(Server.Clock.GetUtcNow() + TimeSpan.FromHours(1), (await ItemAsync()).DueAt);
        Assert.Equal(0, await Server.WithDbAsync(db => db.WorkWakes.CountAsync()));
    }

    [Fact]
    public async Task AWakeOfAnIdleItem_RunsItNow_Once()
    {
        await StartAsync();
        await fixture.Runner.RunDueAsync();
        await WakeAsync();
        await WakeAsync();
        var before = Handler.Runs;
        await fixture.Runner.RunDueAsync();
        await fixture.Runner.RunDueAsync();

        Assert.Equal(before + 1, Handler.Runs);
        Assert.Equal(Server.Clock.GetUtcNow() + TimeSpan.FromHours(1), (await ItemAsync()).DueAt);
        Assert.Equal(0, await Server.WithDbAsync(db => db.WorkWakes.CountAsync()));
    }

    [Fact]
    public async Task AWakeWhileTheItemRuns_RunsItOnceMore_AfterItRescheduledItself()
    {
        Handler.Hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = Handler.Entered.Task;
        await StartAsync();
        var before = Handler.Runs;
        var running = fixture.Runner.RunDueAsync();
        await entered.WaitAsync(TimeSpan.FromSeconds(15));

        // The run read its facts before this change: it must look again, though it is about to say "in an hour".
        await WakeAsync();
        Handler.Release();
        await running.WaitAsync(TimeSpan.FromSeconds(15));
        await fixture.Runner.RunDueAsync();

        Assert.Equal(before + 2, Handler.Runs);
        Assert.Equal(Server.Clock.GetUtcNow() + TimeSpan.FromHours(1), (await ItemAsync()).DueAt);
        Assert.Equal(0, await Server.WithDbAsync(db => db.WorkWakes.CountAsync()));
    }
}

public sealed class WorkWakeTests_Sqlite(SqliteWorkWakeFixture f) : WorkWakeTests(f), IClassFixture<SqliteWorkWakeFixture>;

public sealed class WorkWakeTests_Postgres(PostgresWorkWakeFixture f) : WorkWakeTests(f), IClassFixture<PostgresWorkWakeFixture>;
