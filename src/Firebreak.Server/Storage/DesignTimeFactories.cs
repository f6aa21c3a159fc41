using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Firebreak.Server.Storage;

// Let `dotnet ef` build each context without booting the web host.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFirebreakDb>
{
    public SqliteFirebreakDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFirebreakDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFirebreakDb>
{
    public PostgresFirebreakDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFirebreakDb>().UseNpgsql("Host=127.0.0.1;Database=design").Options);
}
