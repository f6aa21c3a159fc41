namespace Firebreak.Server.Storage;

/// <summary>Table and column names as hand-written SQL must spell them: quoted, which both SQLite and PostgreSQL accept.</summary>
public static class SqlNames
{
    public static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
