namespace Firebreak.Server.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where data lives. SQLite in the data directory unless a PostgreSQL connection string is given.</summary>
public sealed record StorageOptions(DatabaseProvider Provider, string ConnectionString, bool SqliteSynchronousNormal = false)
{
    /// <summary>What <see cref="DataFolder.Secure"/> changed about the SQLite files' permissions, to be logged once.</summary>
    public string? PermissionsNotice { get; init; }

    public static StorageOptions FromConfiguration(IConfiguration config, string dataDir)
    {
        var section = config.GetSection("Firebreak:Database");
        var provider = section["Provider"]?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException(
                $"Firebreak:Database:Provider is '{other}'; expected 'sqlite' or 'postgres'."),
        };
        var cs = section["ConnectionString"];
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException(
                    "Firebreak:Database:ConnectionString is required for PostgreSQL (env Firebreak__Database__ConnectionString).");
            }

            cs = $"Data Source={Path.Combine(dataDir, "firebreak.db")}";
        }

        if (provider == DatabaseProvider.Postgres)
        {
            cs = PostgresConnection.WithDefaults(cs);
        }

        var sync = section["SqliteSynchronous"];
        return new StorageOptions(provider, cs, string.Equals(sync, "NORMAL", StringComparison.OrdinalIgnoreCase))
        {
            // Before anything opens the database, so that SQLite never creates a file by the umask.
            PermissionsNotice = provider == DatabaseProvider.Sqlite ? DataFolder.Secure(cs) : null,
        };
    }
}
