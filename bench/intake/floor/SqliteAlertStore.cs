using Microsoft.Data.Sqlite;

namespace Floor;

/// <summary>The alerts table on one long-lived writer connection (with Firebreak's writer's page cache), its upsert prepared once.</summary>
internal sealed class SqliteAlertStore : IAlertStore
{
    private readonly string _connectionString;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteParameter _key, _status, _body, _now;

    public SqliteAlertStore(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        _connection = Open();
        Run(_connection, """
            PRAGMA journal_mode=WAL;
            PRAGMA cache_size=-16384;
            CREATE TABLE IF NOT EXISTS alerts (
                id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, status TEXT NOT NULL, body TEXT NOT NULL,
                count INTEGER NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL);
            """);
        _upsert = _connection.CreateCommand();
        _upsert.CommandText = """
            INSERT INTO alerts (key, status, body, count, first_seen, last_seen) VALUES ($key, $status, $body, 1, $now, $now)
            ON CONFLICT (key) DO UPDATE SET count = count + 1, status = excluded.status, body = excluded.body, last_seen = excluded.last_seen
            """;
        _key = _upsert.Parameters.Add("$key", SqliteType.Text);
        _status = _upsert.Parameters.Add("$status", SqliteType.Text);
        _body = _upsert.Parameters.Add("$body", SqliteType.Text);
        _now = _upsert.Parameters.Add("$now", SqliteType.Integer);
        _upsert.Prepare();
    }

    /// <summary>Every alert of every request in one transaction: one fsync for all of them.</summary>
    public async Task WriteAsync(IReadOnlyList<IncomingAlert> alerts, long now)
    {
        await using var tx = await _connection.BeginTransactionAsync();
        _upsert.Transaction = (SqliteTransaction)tx;
        foreach (var alert in alerts)
        {
            _key.Value = alert.Key;
            _status.Value = alert.Status;
            _body.Value = alert.Body;
            _now.Value = now;
            await _upsert.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    /// <summary>As Firebreak does: the writer never waits on a checkpoint, another connection runs them.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var connection = Open();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Run(connection, "PRAGMA wal_checkpoint(PASSIVE);");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _connection.Dispose();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Run(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA wal_autocheckpoint=0;");
        return connection;
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
