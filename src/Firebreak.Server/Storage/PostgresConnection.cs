using System.Data.Common;
using Npgsql;

namespace Firebreak.Server.Storage;

/// <summary>What Firebreak adds to a PostgreSQL connection string an operator gives it.</summary>
public static class PostgresConnection
{
    public const int AutoPrepared = 128;

    /// <summary>
    /// Statements run again and again (every page runs the same dozen) are prepared on each pooled connection after
    /// their second use, so the server stops parsing and planning them each time, a dozen times on the path from alert
    /// to page. Left as given when the string sets <c>Max Auto Prepare</c> itself: 0 turns it off, for a pooler
    /// that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), "MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPrepared, AutoPrepareMinUsages = 2 }.ConnectionString;
    }
}
