using Npgsql;
using NpgsqlTypes;

namespace Floor;

/// <summary>
/// The alerts table on PostgreSQL: a batch is one prepared statement (an upsert of the batch's distinct keys, given as
/// arrays) run outside a transaction, so it commits in its own round trip, durably under the server's defaults.
/// </summary>
internal sealed class PostgresAlertStore : IAlertStore
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _upsert;
    private readonly NpgsqlParameter<string[]> _keys = new("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [] };
    private readonly NpgsqlParameter<string[]> _statuses = new("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [] };
    private readonly NpgsqlParameter<string[]> _bodies = new("bodies", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [] };
    private readonly NpgsqlParameter<int[]> _counts = new("counts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [] };
    private readonly NpgsqlParameter<long> _now = new("now", NpgsqlDbType.Bigint);

    public PostgresAlertStore(string connectionString)
    {
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
        using (var create = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS alerts (
                id bigserial PRIMARY KEY, key text NOT NULL UNIQUE, status text NOT NULL, body text NOT NULL,
                count integer NOT NULL, first_seen bigint NOT NULL, last_seen bigint NOT NULL)
            """, _connection))
        {
            create.ExecuteNonQuery();
        }

        // A key repeated within one statement cannot be upserted twice, so the batch is counted per key first.
        _upsert = new NpgsqlCommand("""
            INSERT INTO alerts (key, status, body, count, first_seen, last_seen)
            SELECT u.key, u.status, u.body, u.count, @now, @now FROM unnest(@keys, @statuses, @bodies, @counts) AS u(key, status, body, count)
            ON CONFLICT (key) DO UPDATE SET count = alerts.count + excluded.count, status = excluded.status, body = excluded.body, last_seen = excluded.last_seen
            """, _connection);
        foreach (var parameter in new NpgsqlParameter[] { _keys, _statuses, _bodies, _counts, _now })
        {
            _upsert.Parameters.Add(parameter);
        }

        _upsert.Prepare();
    }

    public async Task WriteAsync(IReadOnlyList<IncomingAlert> alerts, long now)
    {
        var perKey = new Dictionary<string, (IncomingAlert Last, int Count)>(StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            perKey[alert.Key] = (alert, perKey.GetValueOrDefault(alert.Key).Count + 1);
        }

        _keys.TypedValue = [.. perKey.Keys];
        _statuses.TypedValue = [.. perKey.Values.Select(v => v.Last.Status)];
        _bodies.TypedValue = [.. perKey.Values.Select(v => v.Last.Body)];
        _counts.TypedValue = [.. perKey.Values.Select(v => v.Count)];
        _now.TypedValue = now;
        await _upsert.ExecuteNonQueryAsync();
    }

    public Task RunAsync(CancellationToken stop) => Task.CompletedTask;

    public void Dispose()
    {
        _upsert.Dispose();
        _connection.Dispose();
    }
}
