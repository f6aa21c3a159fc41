using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Storage;

public static partial class StorageSetup
{
    // Contexts are pooled and their options built once: setting up a context per scope cost more than a small query.
    public static IServiceCollection AddFirebreakStorage(this IServiceCollection services, StorageOptions options)
    {
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresFirebreakDb>((sp, o) => o
                .UseNpgsql(options.ConnectionString)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddScoped<FirebreakDb>(sp => sp.GetRequiredService<PostgresFirebreakDb>());
        }
        else
        {
            services.AddDbContextPool<SqliteFirebreakDb>((sp, o) => o
                .UseSqlite(options.ConnectionString)
                .AddInterceptors(new SqlitePragmas(options.SqliteSynchronousNormal))
                .AddInterceptors(sp.GetServices<IInterceptor>()));
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

        await db.Database.MigrateAsync(ct);
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "{Notice}")]
        public static partial void Permissions(ILogger logger, string notice);
    }
}
