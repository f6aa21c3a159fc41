using Firebreak.Server.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Firebreak.Server.Tests.Support;

/// <summary>
/// One migrated, otherwise empty database per provider and test run, which each test database starts as a copy of.
/// Applying every migration took a third of a second on SQLite and half a second on PostgreSQL per server started,
/// over a hundred times a run. Only the schema is shared: the server still prepares (admin, demo, config) itself, and
/// the first-start and migration tests run the real program on a new folder.
/// </summary>
internal static class MigratedTemplates
{
    private static readonly Lazy<Task<string>> s_sqlite = new(CreateSqliteAsync);
    private static readonly Dictionary<string, Lazy<Task<string>>> s_postgres = [];

    /// <summary>A migrated SQLite file to copy; its WAL is checkpointed into it, so the one file is the whole database.</summary>
    public static Task<string> SqliteFileAsync() => s_sqlite.Value;

    /// <summary>The name of a migrated database on the server <paramref name="admin"/> connects to, to clone with TEMPLATE.</summary>
    public static Task<string> PostgresTemplateAsync(string admin)
    {
        lock (s_postgres)
        {
            if (!s_postgres.TryGetValue(admin, out var template))
            {
                s_postgres[admin] = template = new Lazy<Task<string>>(() => CreatePostgresAsync(admin));
            }

            return template.Value;
        }
    }

    private static async Task<string> CreateSqliteAsync()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("firebreak-template-").FullName, "firebreak.db");
        var connection = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString;
        var options = new DbContextOptionsBuilder<SqliteFirebreakDb>()
            .UseSqlite(connection)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning))
            .Options;
        await using (var db = new SqliteFirebreakDb(options))
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        return file;
    }

    private static async Task<string> CreatePostgresAsync(string admin)
    {
        var name = "t_template_" + Guid.NewGuid().ToString("N");
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        // No pooling: a connection left open to the template would make every clone of it fail.
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        await using (var db = new PostgresFirebreakDb(new DbContextOptionsBuilder<PostgresFirebreakDb>().UseNpgsql(connection).Options))
        {
            await db.Database.MigrateAsync();
        }

        return name;
    }
}
