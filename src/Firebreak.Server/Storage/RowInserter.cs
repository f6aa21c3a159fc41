using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Firebreak.Server.Storage;

/// <summary>
/// Inserts many rows of one entity type inside the context's current transaction: on SQLite one statement re-executed
/// per row, on PostgreSQL all rows in one statement (each column's values as one array). EF's change tracking costs
/// about 150 µs per row, which made a storm of new alerts CPU-bound; this is the hot path only. Table, columns and value
/// conversion all come from the EF model, so both providers and every converter (JSON maps, dates) behave exactly as
/// they do through EF.
/// </summary>
public sealed class RowInserter<T>
    where T : class
{
    private readonly IEntityType _entity;
    private readonly IProperty _key;
    private readonly IProperty[] _columns;
    private readonly ValueConverter?[] _converters;
    private readonly string _sql;
    private readonly string _arraysSql;
    private readonly Type[] _elementTypes;
    private readonly StoreObjectIdentifier _table;
    private readonly string _names;

    public RowInserter(DbContext db)
    {
        _entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(_entity.GetTableName()!, _entity.GetSchema());
        _key = _entity.FindPrimaryKey()!.Properties.Single();
        _columns = [.. _entity.GetProperties().Where(p => p != _key && p.PropertyInfo is not null)];
        _converters = [.. _columns.Select(p => p.GetRelationalTypeMapping().Converter)];
        var names = string.Join(", ", _columns.Select(p => SqlNames.Quote(p.GetColumnName(table)!)));
        var values = string.Join(", ", _columns.Select((_, i) => $"@p{i}"));
        _sql = $"INSERT INTO {SqlNames.Quote(table.Name)} ({names}) VALUES ({values}) RETURNING {SqlNames.Quote(_key.GetColumnName(table)!)}";
        _elementTypes = [.. _columns.Select((p, i) => Nullable(_converters[i]?.ProviderClrType ?? p.ClrType))];
        _table = table;
        _names = names;
        _arraysSql = ArraysInsert("p", SqlNames.Quote(_key.GetColumnName(table)!));
    }

    /// <summary>
    /// PostgreSQL: the INSERT of rows given as one array per column (parameters <paramref name="prefix"/>0, 1, …, set by
    /// <see cref="SetArrays"/>), in order, returning <paramref name="returning"/>; for a statement that does more.
    /// </summary>
    public string ArraysInsert(string prefix, string returning)
    {
        var arrays = string.Join(", ", _columns.Select((p, i) => $"@{prefix}{i}::{p.GetRelationalTypeMapping().StoreType}[]"));
        var unnested = string.Join(", ", _columns.Select((_, i) => $"u.c{i}"));
        return $"""
            INSERT INTO {SqlNames.Quote(_table.Name)} ({_names})
            SELECT {unnested} FROM unnest({arrays}) WITH ORDINALITY AS u({unnested.Replace("u.", "", StringComparison.Ordinal)}, n)
            ORDER BY u.n
            RETURNING {returning}
            """;
    }

    /// <summary>Puts <paramref name="rows"/> into the array parameters of <see cref="ArraysInsert"/>, adding them on first use.</summary>
    public void SetArrays(DbCommand command, string prefix, IReadOnlyList<T> rows)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var values = Array.CreateInstance(_elementTypes[i], rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                var value = ValueOf(rows[r], i);
                values.SetValue(value is DBNull ? null : value, r);
            }

            var name = $"{prefix}{i}";
            if (!command.Parameters.Contains(name))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            command.Parameters[name].Value = values;
        }
    }

    private static Type Nullable(Type type) =>
        type.IsValueType && System.Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type) : type;

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
            if (connection is NpgsqlConnection)
            {
                await InsertAsArraysAsync(connection, transaction, rows, ct);
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
    // scheduled. One statement per chunk inserts every row, in order (500 statements before, batched and prepared; the
    // same speed under a storm, where the server's index work per row dominates, but one statement to parse and send);
    // the keys a sequence hands out in that order come back.
    private async Task InsertAsArraysAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<T> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(ArrayRows))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = _arraysSql;
            SetArrays(command, "p", chunk);

            // Prepared once per pooled connection: the same text for any number of rows.
            await command.PrepareAsync(ct);
            var keys = new List<long>(chunk.Length);
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    keys.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            if (keys.Count != chunk.Length)
            {
                throw new InvalidOperationException($"Inserting {chunk.Length} {typeof(T).Name} rows returned {keys.Count} keys.");
            }

            // The rows were inserted in order, each taking the sequence's next value; RETURNING's own order is not promised.
            keys.Sort();
            for (var r = 0; r < chunk.Length; r++)
            {
                SetKey(chunk[r], keys[r]);
            }
        }
    }

    private const int ArrayRows = 500;

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
}
