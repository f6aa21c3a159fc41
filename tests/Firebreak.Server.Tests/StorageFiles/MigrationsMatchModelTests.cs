using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.StorageFiles;

/// <summary>
/// A model change without its migration, for each provider: what <c>dotnet ef migrations has-pending-model-changes</c>
/// says, asked in-process (no database is opened) so the check runs beside the other tests instead of before them.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    [Fact]
    public void Sqlite_ModelHasNoChangesWithoutAMigration()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The EF model has changes without a SQLite migration: run dotnet ef migrations add (see README).");
    }

    [Fact]
    public void Postgres_ModelHasNoChangesWithoutAMigration()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The EF model has changes without a PostgreSQL migration: run dotnet ef migrations add (see README).");
    }
}
