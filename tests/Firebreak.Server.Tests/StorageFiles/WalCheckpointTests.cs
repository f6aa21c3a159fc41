using System.Net;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.StorageFiles;

/// <summary>No commit copies the SQLite log into the database file; the server's checkpointer does, on its own connection.</summary>
public sealed class WalCheckpointTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task CommitsNeverCheckpoint_TheCheckpointerCopiesEveryFrame()
    {
        var server = fixture.Server;
        var autocheckpoint = await server.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint;";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        });
        await server.Admin.PostJsonAsync("/api/v1/incidents", new { title = "Something to write", severity = "SEV-3" }).ExpectAsync(HttpStatusCode.Created);

        var (log, copied) = await server.App.Services.GetRequiredService<WalCheckpointer>().CheckpointAsync(CancellationToken.None);

        Assert.Equal(0, autocheckpoint);
        Assert.True(log > 0, "nothing was in the log to copy");
        Assert.Equal(log, copied);
    }
}
