using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.StorageFiles;

/// <summary>
/// In-memory copies of small tables (<see cref="TableCache{TEntity}"/>) are emptied by saves that change their table,
/// and only by those: a save that merely read a row of it (the notifier loads each incident with its service) must not
/// send every intake batch back to the database.
/// </summary>
public sealed class SaveWatcherTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private TableCache<Service> Services => Server.App.Services.GetRequiredService<TableCache<Service>>();

    [Fact]
    public async Task ASaveThatOnlyReadAService_KeepsTheCachedServices()
    {
        var key = await NewServiceAsync();
        var before = await Server.WithDbAsync(db => Services.GetAsync(db, CancellationToken.None));

        await Server.WithDbAsync(async db =>
        {
            _ = await db.Services.SingleAsync(s => s.Key == key);
            db.Teams.Add(new Team { Key = $"t-{Guid.NewGuid():N}", Name = "Another team" });
            return await db.SaveChangesAsync();
        });

        var after = await Server.WithDbAsync(db => Services.GetAsync(db, CancellationToken.None));
        Assert.Same(before, after);
    }

    [Fact]
    public async Task ASaveThatChangesAService_EmptiesTheCache_EvenWhenTheChangeIsFoundOnlyAsItSaves()
    {
        var key = await NewServiceAsync();
        _ = await Server.WithDbAsync(db => Services.GetAsync(db, CancellationToken.None));

        await Server.WithDbAsync(async db =>
        {
            var service = await db.Services.SingleAsync(s => s.Key == key);
            service.Name = "Renamed";
            return await db.SaveChangesAsync();
        });

        var after = await Server.WithDbAsync(db => Services.GetAsync(db, CancellationToken.None));
        Assert.Equal("Renamed", after.Single(s => s.Key == key).Name);
    }

    private async Task<string> NewServiceAsync()
    {
        var key = $"s-{Guid.NewGuid():N}";
        await Server.WithDbAsync(db =>
        {
            db.Services.Add(new Service { Key = key, Name = "Cached service" });
            return db.SaveChangesAsync();
        });
        return key;
    }
}
