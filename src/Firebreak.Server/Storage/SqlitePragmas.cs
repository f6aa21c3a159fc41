using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Storage;

/// <summary>
/// Per-connection SQLite settings. synchronous=FULL makes every commit durable on power loss under WAL, which the
/// "no accepted alert is lost" promise needs; NORMAL is an explicit opt-in. busy_timeout makes a writer wait for the
/// lock instead of failing at once when another connection is committing.
/// </summary>
internal sealed class SqlitePragmas(bool synchronousNormal) : DbConnectionInterceptor
{
    private string Sql => $"PRAGMA synchronous={(synchronousNormal ? "NORMAL" : "FULL")}; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
