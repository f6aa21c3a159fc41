using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Storage;

public static class StorageSetup
{
    // Options are built once (singleton), not per scope: building them allocated more than an intake request did.
    public static IServiceCollection AddFirebreakStorage(this IServiceCollection services, StorageOptions options)
    {
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<PostgresFirebreakDb>((sp, o) => o
                .UseNpgsql(options.ConnectionString)
                .AddInterceptors(sp.GetServices<IInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
            services.AddScoped<FirebreakDb>(sp => sp.GetRequiredService<PostgresFirebreakDb>());
        }
        else
        {
            services.AddDbContext<SqliteFirebreakDb>((sp, o) => o
                .UseSqlite(options.ConnectionString)
                .AddInterceptors(new SqlitePragmas(options.SqliteSynchronousNormal))
                .AddInterceptors(sp.GetServices<IInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
            services.AddScoped<FirebreakDb>(sp => sp.GetRequiredService<SqliteFirebreakDb>());
        }

        return services;
    }

    /// <summary>Brings the schema up to date. WAL is a property of the database file, so it is set once here.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await db.Database.MigrateAsync(ct);
    }
}
