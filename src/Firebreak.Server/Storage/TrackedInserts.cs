using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Firebreak.Server.Storage;

/// <summary>
/// Writes a save's new rows with plain INSERT statements (<see cref="InsertShape"/>) instead of EF's update pipeline,
/// for saves that ask (<see cref="ForNextSave"/>): opening an incident adds some twenty rows, and EF's own work on them
/// (modification commands, batching, ordering) was most of the time from alert to first page. On SQLite each table's
/// statement is prepared once per save and re-run per row; on a server database every row goes in one batch, one
/// round trip. It runs as the last save interceptor, so the others (work leases, runner and cache signals) see the save
/// exactly as before; the rows end Unchanged with their keys, as EF leaves them, and their count is added to the save's.
/// A save it cannot write exactly as EF would — anything changed or deleted beside the new rows, a type
/// <see cref="InsertShape"/> refuses, a temporary foreign key, no transaction — is left to EF whole.
/// </summary>
public sealed class TrackedInserts : SaveChangesInterceptor
{
    public static TrackedInserts Instance { get; } = new();

    private static readonly ConditionalWeakTable<DbContext, object> s_asked = [];
    private readonly ConditionalWeakTable<DbContext, StrongBox<int>> _written = [];

    private TrackedInserts()
    {
    }

    /// <summary>Asks for the next save of <paramref name="db"/> to be written here when it can be.</summary>
    public static void ForNextSave(DbContext db) => s_asked.AddOrUpdate(db, true);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db)
        {
            s_asked.Remove(db);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && s_asked.Remove(db) && !result.HasResult && Plan(db) is { } plan)
        {
            _written.AddOrUpdate(db, new StrongBox<int>(await WriteAsync(db, plan, cancellationToken)));
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) => result + Written(eventData.Context);

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(result + Written(eventData.Context));

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Written(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Written(eventData.Context);
        return Task.CompletedTask;
    }

    private int Written(DbContext? db) => db is not null && _written.TryGetValue(db, out var n) && _written.Remove(db) ? n.Value : 0;

    /// <summary>The new rows in an order that keeps every foreign key satisfied, or null to leave the save to EF.</summary>
    private static List<(EntityEntry Entry, InsertShape Shape)>? Plan(DbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            return null;
        }

        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        List<EntityEntry> entries;
        try
        {
            entries = [.. tracker.Entries()];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }

        var rows = new Dictionary<IEntityType, List<EntityEntry>>();
        foreach (var entry in entries)
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                return null;
            }

            if (entry.State == EntityState.Added)
            {
                if (InsertShape.Of(entry.Metadata) is not { } shape
                    || entry.Properties.Any(p => p.IsTemporary && (p.Metadata != shape.Key || !shape.KeyFromDatabase)))
                {
                    return null;
                }

                if (!rows.TryGetValue(entry.Metadata, out var list))
                {
                    rows[entry.Metadata] = list = [];
                }

                list.Add(entry);
            }
        }

        return rows.Count == 0 ? null : PrincipalsFirst(rows);
    }

    private static List<(EntityEntry, InsertShape)>? PrincipalsFirst(Dictionary<IEntityType, List<EntityEntry>> rows)
    {
        var ordered = new List<(EntityEntry, InsertShape)>();
        var pending = rows.Keys.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(type => !type.GetForeignKeys().Any(fk => fk.PrincipalEntityType != type && pending.Contains(fk.PrincipalEntityType)));
            if (ready is null)
            {
                return null;
            }

            pending.Remove(ready);
            var shape = InsertShape.Of(ready)!;
            ordered.AddRange(rows[ready].Select(entry => (entry, shape)));
        }

        return ordered;
    }

    private static async Task<int> WriteAsync(DbContext db, List<(EntityEntry Entry, InsertShape Shape)> plan, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        try
        {
            var keys = connection.CanCreateBatch
                ? await InOneBatchAsync(connection, transaction, plan, ct)
                : await StatementPerTableAsync(connection, transaction, plan, ct);
            for (var i = 0; i < plan.Count; i++)
            {
                var (entry, shape) = plan[i];
                if (shape.LeavesKeyToDatabase(entry))
                {
                    var key = entry.Property(shape.Key);
                    key.CurrentValue = Convert.ChangeType(keys[i], shape.Key.ClrType, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (DbException ex)
        {
            // Callers retry on unique violations the way they do when EF writes the rows.
            throw new DbUpdateException($"Inserting the save's new rows failed: {ex.Message}", ex);
        }

        // As EF does after its own save: the original values the next save compares against become the ones written.
        // The plan holds every change in the tracker, so nothing else is accepted with them.
        db.ChangeTracker.AcceptAllChanges();
        return plan.Count;
    }

    // In the process: a statement per table, prepared once and re-run for each of its rows.
    private static async Task<object?[]> StatementPerTableAsync(DbConnection connection, DbTransaction transaction, List<(EntityEntry Entry, InsertShape Shape)> plan, CancellationToken ct)
    {
        var keys = new object?[plan.Count];
        var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            for (var i = 0; i < plan.Count; i++)
            {
                var (entry, shape) = plan[i];
                var sql = shape.SqlFor(entry);
                if (!commands.TryGetValue(sql, out var command))
                {
                    commands[sql] = command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = sql;
                }

                command.Parameters.Clear();
                command.Parameters.AddRange(shape.Parameters(entry, command).ToArray());
                keys[i] = await command.ExecuteScalarAsync(ct);
            }
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }

        return keys;
    }

    // Over the network: every row in one batch, one round trip.
    private static async Task<object?[]> InOneBatchAsync(DbConnection connection, DbTransaction transaction, List<(EntityEntry Entry, InsertShape Shape)> plan, CancellationToken ct)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        await using var factory = connection.CreateCommand();
        foreach (var (entry, shape) in plan)
        {
            var statement = batch.CreateBatchCommand();
            statement.CommandText = shape.SqlFor(entry);
            foreach (var parameter in shape.Parameters(entry, factory))
            {
                statement.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(statement);
        }

        var keys = new object?[plan.Count];
        await using var reader = await batch.ExecuteReaderAsync(ct);
        for (var i = 0; i < plan.Count; i++)
        {
            if (i > 0 && !await reader.NextResultAsync(ct) || !await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException($"Inserting a {plan[i].Shape.Type.ShortName()} row returned no key.");
            }

            keys[i] = reader.GetValue(0);
        }

        return keys;
    }
}
