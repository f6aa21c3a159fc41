using System.Text.RegularExpressions;

namespace Firebreak.Server.Features.Incidents;

/// <summary>One word of an incident search: an incident number, an alert label, or text found in a title or service.</summary>
public abstract record IncidentSearchTerm
{
    private IncidentSearchTerm()
    {
    }

    /// <summary><c>42</c>, <c>#42</c> or <c>INC-42</c>; plain digits also match titles, so "500" still finds "500s".</summary>
    public sealed record Number(int Value, string? AlsoText) : IncidentSearchTerm;

    /// <summary><c>key:value</c> or <c>key=value</c>: an alert of the incident carries that label.</summary>
    public sealed record Label(string Key, string Value) : IncidentSearchTerm;

    public sealed record Text(string Value) : IncidentSearchTerm;
}

/// <summary>
/// Parses the incident list's search box. Words are separated by spaces and all must match, so "checkout 500" narrows
/// rather than widens; each word matches case-insensitively.
/// </summary>
public static partial class IncidentSearch
{
    public const int MaxLength = 200;

    public static IReadOnlyList<IncidentSearchTerm> Parse(string? q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return [];
        }

        var text = q.Length > MaxLength ? q[..MaxLength] : q;
        var terms = new List<IncidentSearchTerm>();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IncidentReader.ParseNumber(word) is { } number)
            {
                terms.Add(new IncidentSearchTerm.Number(number, char.IsAsciiDigit(word[0]) ? word : null));
            }
            else if (LabelWord().Match(word) is { Success: true } label)
            {
                terms.Add(new IncidentSearchTerm.Label(label.Groups["key"].Value, label.Groups["value"].Value.Trim('"')));
            }
            else
            {
                terms.Add(new IncidentSearchTerm.Text(word));
            }
        }

        return terms;
    }

    // Prometheus label names ([a-zA-Z_][a-zA-Z0-9_]*) and the dotted or dashed keys other sources send.
    [GeneratedRegex("^(?<key>[A-Za-z_][A-Za-z0-9_.\\-/]*)[:=](?<value>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelWord();
}

/// <summary>
/// Implemented by the feature that stores alerts (incidents cannot name it): which incidents have an alert carrying a
/// label, as a query the incident list composes into its own.
/// </summary>
public interface IIncidentLabelIndex
{
    /// <summary>Ids of incidents with an alert whose label <paramref name="key"/> equals <paramref name="value"/>, ignoring case.</summary>
    IQueryable<long> IncidentsWithLabel(string key, string value);
}
