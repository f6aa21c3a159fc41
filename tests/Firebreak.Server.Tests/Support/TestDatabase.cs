using Firebreak.Server.Storage;
using Npgsql;

namespace Firebreak.Server.Tests.Support;

/// <summary>A fresh database of one provider, migrated but otherwise empty, removed on dispose.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    public string DataDir { get; } = Directory.CreateTempSubdirectory("firebreak-test-").FullName;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => await PostgresTestDatabase.CreateAsync(),
        _ => await SqliteTestDatabase.CreateAsync(),
    };

    public virtual ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A killed child process may still hold the WAL file for a moment; the OS temp cleaner gets it later.
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private SqliteTestDatabase()
    {
    }

    public static async Task<SqliteTestDatabase> CreateAsync()
    {
        var database = new SqliteTestDatabase();
        var file = Path.Combine(database.DataDir, "firebreak.db");
        File.Copy(await MigratedTemplates.SqliteFileAsync(), file);
        if (!OperatingSystem.IsWindows())
        {
            // As the server would have made it: 0600.
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return database;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Firebreak:Database:Provider"] = "sqlite",
    };
}

public sealed class PostgresTestDatabase : TestDatabase
{
    public const string EnvVar = "FIREBREAK_TEST_PG";
    private readonly string _admin;
    private readonly string _name;

    private PostgresTestDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Firebreak:Database:Provider"] = "postgres",
        ["Firebreak:Database:ConnectionString"] = ConnectionString,
    };

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(EnvVar);
        if (string.IsNullOrEmpty(admin))
        {
            throw new InvalidOperationException(
                $"PostgreSQL tests need {EnvVar} (a connection string to a server they may create databases on). " +
                "scripts/test.sh starts a throwaway server and sets it; or run: source scripts/pg-test-env.sh");
        }

        var name = "t_" + Guid.NewGuid().ToString("N");
        var template = await MigratedTemplates.PostgresTemplateAsync(admin);
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template}", conn);
        await cmd.ExecuteNonQueryAsync();
        return new PostgresTestDatabase(admin, name);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var conn = new NpgsqlConnection(_admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        await base.DisposeAsync();
    }
}
