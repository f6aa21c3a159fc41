using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Firebreak.Server.Storage;

/// <summary>
/// How one entity type's row is inserted, read from the EF model once: its table, every column (shadow properties
/// included), and the key, which comes back from <c>RETURNING</c> whether the row carries it or the database gives it.
/// Null for a type whose insert EF does something this does not (inheritance, owned or complex parts, a table shared
/// between types, a column the database fills on insert, a key of several columns, a row pointing at its own type).
/// </summary>
public sealed class InsertShape
{
    private static readonly ConcurrentDictionary<IEntityType, InsertShape?> s_shapes = new();

    private readonly IProperty[] _columns;
    private readonly string _sqlWithKey;
    private readonly string? _sqlWithoutKey;

    private InsertShape(IEntityType type, string table, IProperty key)
    {
        Type = type;
        Key = key;
        KeyFromDatabase = key.ValueGenerated != ValueGenerated.Never;
        _columns = [key, .. type.GetProperties().Where(p => p != key)];
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var names = _columns.Select(p => SqlNames.Quote(p.GetColumnName(store)!)).ToArray();
        var returning = $" RETURNING {names[0]}";
        _sqlWithKey = $"INSERT INTO {SqlNames.Quote(table)} ({string.Join(", ", names)}) VALUES ({Values(0)}){returning}";
        _sqlWithoutKey = KeyFromDatabase
            ? $"INSERT INTO {SqlNames.Quote(table)} ({string.Join(", ", names.Skip(1))}) VALUES ({Values(1)}){returning}"
            : null;

        string Values(int from) => string.Join(", ", Enumerable.Range(from, _columns.Length - from).Select(i => $"@p{i}"));
    }

    public IEntityType Type { get; }

    public IProperty Key { get; }

    /// <summary>The key is left to the database when the row has none of its own yet (a temporary value).</summary>
    public bool KeyFromDatabase { get; }

    public static InsertShape? Of(IEntityType type) => s_shapes.GetOrAdd(type, Build);

    /// <summary>The statement for <paramref name="entry"/>: with its key, or leaving the key to the database.</summary>
    public string SqlFor(EntityEntry entry) => LeavesKeyToDatabase(entry) ? _sqlWithoutKey! : _sqlWithKey;

    public bool LeavesKeyToDatabase(EntityEntry entry) => KeyFromDatabase && entry.Property(Key).IsTemporary;

    /// <summary>
    /// The row's values as parameters, each made by its column's type mapping (value converters applied), as EF's own
    /// commands are. Parameter names carry the prefix: Microsoft.Data.Sqlite otherwise tries each prefix on every run.
    /// </summary>
    public IEnumerable<DbParameter> Parameters(EntityEntry entry, DbCommand factory)
    {
        var values = entry.CurrentValues;
        for (var i = LeavesKeyToDatabase(entry) ? 1 : 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            yield return column.GetRelationalTypeMapping().CreateParameter(factory, $"@p{i}", values[column], column.IsNullable);
        }
    }

    private static InsertShape? Build(IEntityType type)
    {
        if (type.IsOwned() || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any() || type.GetComplexProperties().Any()
            || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
            || type.GetTableName() is not { } table || type.GetViewName() is not null || type.GetSqlQuery() is not null
            || type.GetTableMappings().ToList() is not [var mapping] || mapping.Table.EntityTypeMappings.Count() != 1
            || type.FindPrimaryKey()?.Properties is not [var key]
            || type.GetProperties().Any(p => p != key && p.ValueGenerated != ValueGenerated.Never)
            || type.GetForeignKeys().Any(fk => fk.PrincipalEntityType.IsAssignableFrom(type)))
        {
            return null;
        }

        return new InsertShape(type, table, key);
    }
}
