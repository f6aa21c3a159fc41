using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Storage;

public static partial class StorageSetup
{
    // Contexts are pooled and their options built once: setting up a context per scope cost more than a small query.
    public static IServiceCollection AddFirebreakStorage(this IServiceCollection services, StorageOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<WalCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<WalCheckpointer>());
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresFirebreakDb>((sp, o) => o
                .UseNpgsql(options.ConnectionString)
                .AddInterceptors(sp.GetServices<IInterceptor>())
                .AddInterceptors(TrackedInserts.Instance));
            services.AddScoped<FirebreakDb>(sp => sp.GetRequiredService<PostgresFirebreakDb>());
        }
        else
        {
            services.AddDbContextPool<SqliteFirebreakDb>((sp, o) => o
                .UseSqlite(options.ConnectionString)
                .AddInterceptors(new SqlitePragmas(options.SqliteSynchronousNormal))
                .AddInterceptors(sp.GetServices<IInterceptor>())
                .AddInterceptors(TrackedInserts.Instance));
            services.AddScoped<FirebreakDb>(sp => sp.GetRequiredService<SqliteFirebreakDb>());
        }

        return services;
    }

    /// <summary>Brings the schema up to date. WAL is a property of the database file, so it is set once here.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        if (services.GetRequiredService<StorageOptions>().PermissionsNotice is { } notice)
        {
            Log.Permissions(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataFolder)), notice);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        if (db.Database.IsSqlite() && !(await db.Database.GetAppliedMigrationsAsync(ct)).Any())
        {
            // An old migration rebuilds a table, which SQLite cannot do inside a transaction, and EF warns that a crash
            // part-way would leave it half applied. On a new, empty database there is nothing to leave half applied
            // (delete the file and start again), so a first start says nothing alarming; an upgrade still warns.
            var quiet = new DbContextOptionsBuilder<SqliteFirebreakDb>()
                .UseSqlite(db.Database.GetConnectionString())
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning))
                .Options;
            await using var fresh = new SqliteFirebreakDb(quiet);
            await fresh.Database.MigrateAsync(ct);
            return;
        }

        // Migrate would first diff the model against the last migration's snapshot, a tenth of a second of every start,
        // to warn about changes without a migration (MigrationsMatchModelTests catches those); an up-to-date schema
        // needs none of it.
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "{Notice}")]
        public static partial void Permissions(ILogger logger, string notice);
    }
}
