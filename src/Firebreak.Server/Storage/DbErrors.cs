using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Firebreak.Server.Storage;

public static class DbErrors
{
    private const int SqliteConstraint = 19;

    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == SqliteConstraint,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>PostgreSQL gave up a serializable transaction that overlapped another (SQLSTATE 40001); retrying may succeed.</summary>
    public static bool IsSerializationFailure(Exception ex) => ex switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.SerializationFailure,
        _ => ex.InnerException is { } inner && IsSerializationFailure(inner),
    };
}
