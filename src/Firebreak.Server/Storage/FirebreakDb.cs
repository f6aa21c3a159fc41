using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Storage;

/// <summary>
/// One model for both providers; each provider has a sealed subclass with its own migrations. Features declare their
/// tables (entity, configuration, and a <c>DbSet</c> extension property) in their own folders.
/// </summary>
public abstract class FirebreakDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Setting> Settings => Set<Setting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FirebreakDb).Assembly);
}

public sealed class SqliteFirebreakDb(DbContextOptions<SqliteFirebreakDb> options) : FirebreakDb(options)
{
    // SQLite has no native DateTimeOffset: stored as text it cannot be compared or ordered in SQL, so store the
    // binary form (ticks + offset), which sorts correctly because every value we write is UTC.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresFirebreakDb(DbContextOptions<PostgresFirebreakDb> options) : FirebreakDb(options);
