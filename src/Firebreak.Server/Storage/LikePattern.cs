namespace Firebreak.Server.Storage;

/// <summary>
/// LIKE patterns that mean what the person typed on SQLite and PostgreSQL alike: wildcards in their text are escaped
/// (with <see cref="Escape"/> as the escape character), and matching is made case-insensitive by lowering both sides,
/// because SQLite's LIKE ignores ASCII case while PostgreSQL's does not.
/// </summary>
public static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>Matches values containing <paramref name="text"/>; compare against the lowered column.</summary>
    public static string Containing(string text) => $"%{Literal(text.ToLowerInvariant())}%";

    /// <summary>The text with LIKE's wildcards and the escape character taken literally.</summary>
    public static string Literal(string text) =>
        text.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);
}
