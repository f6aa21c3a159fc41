using System.Globalization;
using System.Text;
using Firebreak.Core.Config;

namespace Firebreak.Server.Features.Config;

public enum ChangeKind
{
    Unchanged,
    Create,
    Update,
}

/// <summary>One field apply would set. Old is null for a create; values are shown as config writes them, never a secret.</summary>
/// <param name="Note">What the change means beyond its values, such as who stays on call.</param>
public sealed record FieldChange(string Field, string? Old, string? New, string? Note = null);

/// <summary>What apply would do to one thing config manages: create it, update some fields, or leave it as it is.</summary>
public sealed record ConfigChange(ChangeKind Kind, string Resource, IReadOnlyList<FieldChange> Fields)
{
    public bool IsChange => Kind != ChangeKind.Unchanged;

    public string FieldNames => string.Join(", ", Fields.Select(f => f.Field));

    public void WriteTo(StringBuilder text)
    {
        text.Append(Kind switch { ChangeKind.Create => "  + create ", ChangeKind.Update => "  ~ update ", _ => "  = unchanged " }).AppendLine(Resource);
        foreach (var f in Fields)
        {
            text.Append("      ").Append(f.Field).Append(": ")
                .Append(Kind == ChangeKind.Create ? f.New : $"{f.Old ?? "(none)"} → {f.New ?? "(none)"}")
                .AppendLine(f.Note is null ? "" : $" ({f.Note})");
        }
    }
}

/// <summary>Compares what is stored with what config wants, field by field, into a <see cref="ConfigChange"/>.</summary>
internal sealed class ChangeBuilder(string resource, bool creating)
{
    private readonly List<FieldChange> _fields = [];

    public ChangeBuilder Field(string name, string? old, string? wanted) =>
        Field(name, old, wanted, !string.Equals(old, wanted, StringComparison.Ordinal));

    /// <summary>For values compared on something other than their text, such as a key shown only by where it comes from.</summary>
    public ChangeBuilder Field(string name, string? old, string? wanted, bool differs, string? note = null)
    {
        if (creating ? wanted is not null : differs)
        {
            _fields.Add(new FieldChange(name, creating ? null : old, wanted, note));
        }

        return this;
    }

    public ConfigChange Build() =>
        new(creating ? ChangeKind.Create : _fields.Count > 0 ? ChangeKind.Update : ChangeKind.Unchanged, resource, [.. _fields]);
}

/// <summary>Values as a config file writes them, so a plan line can be pasted back into YAML.</summary>
internal static class ConfigText
{
    public static string? Duration(TimeSpan? span) => span is { } t ? DurationParser.Format(t) : null;

    public static string? Seconds(int? seconds) => seconds is { } s ? Duration(TimeSpan.FromSeconds(s)) : null;

    public static string List(IEnumerable<string> items) => $"[{string.Join(", ", items)}]";

    public static string Flag(bool value) => value ? "true" : "false";

    public static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
