using Microsoft.Data.Sqlite;

namespace Firebreak.Server.Storage;

/// <summary>
/// Copies SQLite's write-ahead log into the database file from its own connection, on a timer. Every connection has
/// automatic checkpoints off (<see cref="SqlitePragmas"/>): otherwise the commit that crosses 1,000 pages runs the
/// checkpoint — copying and fsyncing the database file — before it returns, and the alert sender waiting on that commit
/// sees hundreds of milliseconds instead of one. A passive checkpoint never blocks a writer; once it has caught up,
/// the next commit starts the log from its beginning, so the file stays about one period of writes long.
/// </summary>
public sealed class WalCheckpointer(StorageOptions storage, TimeProvider clock, ILogger<WalCheckpointer> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>One passive checkpoint: the log's frames, and how many of them are now in the database file.</summary>
    public async Task<(int Log, int Checkpointed)> CheckpointAsync(CancellationToken ct)
    {
        await using var connection = new SqliteConnection(storage.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
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
