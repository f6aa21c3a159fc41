using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Storage;

/// <summary>
/// Per-connection SQLite settings. synchronous=FULL makes every commit durable on power loss under WAL, which the
/// "no accepted alert is lost" promise needs; NORMAL is an explicit opt-in. busy_timeout makes a writer wait for the
/// lock instead of failing at once when another connection is committing. wal_autocheckpoint=0 keeps checkpoints out of commits: <see cref="WalCheckpointer"/> runs them
/// on its own connection; journal_size_limit gives back the disk a burst made the log take, once the log starts again. The settings live as long as the native
/// connection, which the pool hands out again and again, so they are sent once per native connection, not per query.
/// </summary>
internal sealed class SqlitePragmas(bool synchronousNormal) : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<object, object> _configured = [];

    private string Sql => $"PRAGMA synchronous={(synchronousNormal ? "NORMAL" : "FULL")}; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstUse(connection))
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = Sql;
            cmd.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstUse(connection))
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = Sql;
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool FirstUse(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);
}
