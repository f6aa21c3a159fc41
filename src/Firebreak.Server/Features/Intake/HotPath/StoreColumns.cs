using System.Data.Common;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>
/// Table and column names, and the parameters that carry their values, taken from the EF model, so statements written
/// by hand store exactly what EF would on either provider (SQLite keeps times as binary ticks through a converter).
/// </summary>
internal sealed class StoreColumns<T>(IModel model)
{
    private readonly IEntityType _entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");

    public string Table => SqlNames.Quote(_entity.GetTableName()!);

    public string this[string property] => SqlNames.Quote(Property(property).GetColumnName(StoreObjectIdentifier.Table(_entity.GetTableName()!, _entity.GetSchema()))!);

    /// <summary>Adds a parameter typed for <paramref name="property"/>'s column; set it with <see cref="Set"/>.</summary>
    public StoreParameter Parameter(DbCommand command, string name, string property)
    {
        var p = Property(property);
        var mapping = p.GetRelationalTypeMapping();
        // Named as in the SQL, prefix included: Microsoft.Data.Sqlite otherwise tries each prefix on every execution.
        var parameter = mapping.CreateParameter(command, $"@{name}", null, nullable: true);
        command.Parameters.Add(parameter);
        return new StoreParameter(parameter, mapping.Converter);
    }

    /// <summary>Reads <paramref name="property"/>'s column (not null) from <paramref name="reader"/> as EF would, through its converter.</summary>
    public TValue Read<TValue>(DbDataReader reader, int ordinal, string property) =>
        // Npgsql reads timestamptz as DateTime unless asked for the type the model uses.
        Property(property).GetRelationalTypeMapping().Converter is { } converter
            ? (TValue)converter.ConvertFromProvider(reader.GetValue(ordinal))!
            : reader.GetFieldValue<TValue>(ordinal);

    private IProperty Property(string name) =>
        _entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {name}.");
}

internal readonly record struct StoreParameter(DbParameter Parameter, ValueConverter? Converter)
{
    public void Set(object? value) =>
        Parameter.Value = (Converter is { } converter && value is not null ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
}
