using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Firebreak.Server.Storage;

/// <summary>
/// Inserts many rows of one entity type with one prepared statement, re-executed per row, inside the context's current
/// transaction. EF's change tracking costs about 150 µs per row, which made a storm of new alerts CPU-bound; this is
/// the hot path only. Table, columns and value conversion all come from the EF model, so both providers and every
/// converter (JSON maps, dates) behave exactly as they do through EF.
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
    public async Task InsertAsync(DbContext db, IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = _sql;
        var parameters = new DbParameter[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            parameters[i] = _columns[i].GetRelationalTypeMapping().CreateParameter(command, $"p{i}", null, _columns[i].IsNullable);
            command.Parameters.Add(parameters[i]);
        }

        var keySetter = _key.PropertyInfo!;
        try
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < _columns.Length; i++)
                {
                    var value = _columns[i].PropertyInfo!.GetValue(row);
                    parameters[i].Value = (_converters[i] is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
                }

                var key = await command.ExecuteScalarAsync(ct);
                keySetter.SetValue(row, Convert.ChangeType(key, keySetter.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (DbException ex)
        {
            // Callers retry on unique violations the way they do for EF saves.
            throw new DbUpdateException($"Inserting {typeof(T).Name} rows failed: {ex.Message}", ex);
        }
    }

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
