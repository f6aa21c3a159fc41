using Firebreak.Server.Engine;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Engine;

/// <summary>Counts its runs and finishes each at once.</summary>
public sealed class CountingHandler : IWorkHandler
{
    public const string KindName = "test-counting";

    private int _runs;

    public string Kind => KindName;

    public int Runs => Volatile.Read(ref _runs);

    public Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct)
    {
        Interlocked.Increment(ref _runs);
        return Task.FromResult(WorkResult.Done);
    }
}

public abstract class HandedOverWorkFixture(DatabaseProvider provider) : WorkHandlerFixture<CountingHandler>(provider);

public sealed class SqliteHandedOverWorkFixture() : HandedOverWorkFixture(DatabaseProvider.Sqlite);

public sealed class PostgresHandedOverWorkFixture() : HandedOverWorkFixture(DatabaseProvider.Postgres);

/// <summary>
/// Work due at once is leased to the node that commits it and run there as committed, without reading it back; once
/// most of that lease is spent the runner checks the database first, so work another node has taken over since is not
/// run twice.
/// </summary>
public abstract class HandedOverWorkTests(HandedOverWorkFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private Task<long> HandOverAsync() => Server.WithDbAsync(async db =>
    {
        var now = Server.Clock.GetUtcNow();
        var item = WorkQueue.Add(db, CountingHandler.KindName, now, now);
        await db.SaveChangesAsync();
        return item.Id;
    });

    [Fact]
    public async Task WorkHandedOver_RunsOnce_AndIsGone()
    {
        var runs = fixture.Handler.Runs;
        var id = await HandOverAsync();

        await fixture.Runner.RunDueAsync();

        Assert.Equal(runs + 1, fixture.Handler.Runs);
        Assert.False(await Server.WithDbAsync(db => db.WorkItems.AnyAsync(w => w.Id == id)));
    }

    [Fact]
    public async Task WorkHandedOver_ThatAnotherNodeTookOnceItsLeaseRanOut_DoesNotRunHere()
    {
        var runs = fixture.Handler.Runs;
        var id = await HandOverAsync();
        // This node stalled past its lease; another node claimed the item and holds it now.
        Server.Clock.Advance(TimeSpan.FromMinutes(2));
        var until = Server.Clock.GetUtcNow() + TimeSpan.FromMinutes(1);
        await Server.WithDbAsync(db => db.WorkItems.Where(w => w.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.LeaseOwner, "other-node").SetProperty(w => w.LeaseUntil, until)));

        await fixture.Runner.RunDueAsync();

        Assert.Equal(runs, fixture.Handler.Runs);
        var item = await Server.WithDbAsync(db => db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == id));
        Assert.Equal("other-node", item.LeaseOwner);
        await Server.WithDbAsync(db => db.WorkItems.Where(w => w.Id == id).ExecuteDeleteAsync());
    }
}

public sealed class HandedOverWorkTests_Sqlite(SqliteHandedOverWorkFixture f) : HandedOverWorkTests(f), IClassFixture<SqliteHandedOverWorkFixture>;

public sealed class HandedOverWorkTests_Postgres(PostgresHandedOverWorkFixture f) : HandedOverWorkTests(f), IClassFixture<PostgresHandedOverWorkFixture>;
