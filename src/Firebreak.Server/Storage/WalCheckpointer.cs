using Microsoft.Data.Sqlite;

namespace Firebreak.Server.Storage;

/// <summary>
/// Copies SQLite's write-ahead log into the database file from its own connection, on a timer. Every connection has
/// automatic checkpoints off (<see cref="SqlitePragmas"/>): otherwise the commit that crosses 1,000 pages runs the
/// checkpoint — copying and fsyncing the database file — before it returns, and the alert sender waiting on that commit
/// sees hundreds of milliseconds instead of one. Passive checkpoints copy the bulk without blocking anyone; but under
/// steady writes they never catch up with the log's end, and the log only starts again from its beginning once one
/// has, so the file would grow without bound. The closing RESTART holds writers off only while it copies what the
/// passes left (a few milliseconds' worth) and makes the next commit start the log again. It waits at most 100 ms for the lock and for readers of the old log
/// (holding writers off meanwhile); when they take longer it gives up and tries again the next period.
/// </summary>
public sealed class WalCheckpointer(StorageOptions storage, TimeProvider clock, ILogger<WalCheckpointer> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>Two passive passes and a restart: the log's frames, and how many of them are now in the database file.</summary>
    public async Task<(int Log, int Checkpointed)> CheckpointAsync(CancellationToken ct)
    {
        await using var connection = new SqliteConnection(storage.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=100; PRAGMA wal_checkpoint(PASSIVE); PRAGMA wal_checkpoint(PASSIVE);";
        await command.ExecuteNonQueryAsync(ct);
        command.CommandText = "PRAGMA wal_checkpoint(RESTART);";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(1), reader.GetInt32(2));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Period, clock, stoppingToken);
                await CheckpointAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException ex)
            {
                // Busy or failing now; the log keeps every commit safe and the next period tries again.
                log.LogWarning(ex, "SQLite checkpoint failed; retrying in {Period}", Period);
            }
        }
    }
}
