using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Firebreak.Server.Storage;

/// <summary>
/// Inserts many rows of one entity type inside the context's current transaction: on SQLite one statement re-executed
/// per row, on PostgreSQL all rows in one round trip (<see cref="DbBatch"/>). EF's change tracking costs about 150 µs per
/// row, which made a storm of new alerts CPU-bound; this is the hot path only. Table, columns and value conversion all
/// come from the EF model, so both providers and every converter (JSON maps, dates) behave exactly as they do through EF.
/// </summary>
public sealed class RowInserter<T>
    where T : class
{
    private readonly IEntityType _entity;
    private readonly IProperty _key;
    private readonly IProperty[] _columns;
    private readonly ValueConverter?[] _converters;
    private readonly string _sql;

    public RowInserter(DbContext db)
    {
        _entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(_entity.GetTableName()!, _entity.GetSchema());
        _key = _entity.FindPrimaryKey()!.Properties.Single();
        _columns = [.. _entity.GetProperties().Where(p => p != _key && p.PropertyInfo is not null)];
        _converters = [.. _columns.Select(p => p.GetRelationalTypeMapping().Converter)];
        var names = string.Join(", ", _columns.Select(p => Quote(p.GetColumnName(table)!)));
        var values = string.Join(", ", _columns.Select((_, i) => $"@p{i}"));
        _sql = $"INSERT INTO {Quote(table.Name)} ({names}) VALUES ({values}) RETURNING {Quote(_key.GetColumnName(table)!)}";
    }

    /// <summary>Inserts <paramref name="rows"/> in order and stores each generated key on its row.</summary>
    public Task InsertAsync(DbContext db, IReadOnlyList<T> rows, CancellationToken ct) =>
        InsertAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), rows, ct);

    /// <summary>As above, on a connection and transaction of the caller's own (the intake hot path's).</summary>
    public async Task InsertAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        try
        {
            if (connection.CanCreateBatch)
            {
                await InsertBatchedAsync(connection, transaction, rows, ct);
            }
            else
            {
                await InsertOneByOneAsync(connection, transaction, rows, ct);
            }
        }
        catch (DbException ex)
        {
            // Callers retry on unique violations the way they do for EF saves.
            throw new DbUpdateException($"Inserting {typeof(T).Name} rows failed: {ex.Message}", ex);
        }
    }

    // SQLite runs in the process, so re-executing one prepared statement costs no round trip.
    private async Task InsertOneByOneAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<T> rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _sql;
        var parameters = new DbParameter[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            parameters[i] = NewParameter(command, i);
            command.Parameters.Add(parameters[i]);
        }

        foreach (var row in rows)
        {
            for (var i = 0; i < _columns.Length; i++)
            {
                parameters[i].Value = ValueOf(row, i);
            }

            SetKey(row, await command.ExecuteScalarAsync(ct));
        }
    }

    // A server database pays a round trip per statement, and under load each one waits for the server's process to be
    // scheduled: every row of a chunk goes in one round trip, the keys coming back in the same order.
    private async Task InsertBatchedAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<T> rows, CancellationToken ct)
    {
        // Never run: EF's type mappings build provider parameters from a command, and a batch command is not one.
        await using var factory = connection.CreateCommand();
        foreach (var chunk in rows.Chunk(BatchRows))
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var row in chunk)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = _sql;
                for (var i = 0; i < _columns.Length; i++)
                {
                    var parameter = NewParameter(factory, i);
                    parameter.Value = ValueOf(row, i);
                    command.Parameters.Add(parameter);
                }

                batch.BatchCommands.Add(command);
            }

            // Prepared statements outlive the batch on the (pooled) connection: the server parses and plans the insert
            // once, not once per row of every batch — at 800 rows a batch that was most of the server's time.
            await batch.PrepareAsync(ct);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            foreach (var row in chunk)
            {
                if (!await reader.ReadAsync(ct))
                {
                    throw new InvalidOperationException($"Inserting a {typeof(T).Name} row returned no key.");
                }

                SetKey(row, reader.GetValue(0));
                await reader.NextResultAsync(ct);
            }
        }
    }

    private const int BatchRows = 500;

    // Named as in the SQL, prefix included: Microsoft.Data.Sqlite otherwise tries each prefix on every execution.
    private DbParameter NewParameter(DbCommand command, int column) =>
        _columns[column].GetRelationalTypeMapping().CreateParameter(command, $"@p{column}", null, _columns[column].IsNullable);

    private object ValueOf(T row, int column)
    {
        var value = _columns[column].PropertyInfo!.GetValue(row);
        return (_converters[column] is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
    }

    private void SetKey(T row, object? key)
    {
        var setter = _key.PropertyInfo!;
        setter.SetValue(row, Convert.ChangeType(key, setter.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
