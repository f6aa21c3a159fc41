using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Firebreak.Server.Tests.StorageFiles;

/// <summary>A connection string naming a database that does not exist yet: the first start creates and migrates it.</summary>
public sealed class NewPostgresDatabaseTests
{
    [Fact]
    public async Task AServerPointedAtADatabaseNotYetCreated_CreatesAndMigratesIt()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresTestDatabase.EnvVar)
            ?? throw new InvalidOperationException($"PostgreSQL tests need {PostgresTestDatabase.EnvVar}; see scripts/pg-test-env.sh.");
        var name = "t_new_" + Guid.NewGuid().ToString("N");
        var dataDir = Directory.CreateTempSubdirectory("firebreak-newpg-").FullName;
        try
        {
            var app = FirebreakServer.Build(new ServerOptions
            {
                Urls = "http://127.0.0.1:0",
                DataDir = dataDir,
                Settings = new Dictionary<string, string?>
                {
                    ["Firebreak:Database:Provider"] = "postgres",
                    ["Firebreak:Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString,
                    ["FIREBREAK_ADMIN_PASSWORD"] = RunningServer.AdminPassword,
                },
            });
            await using (app)
            {
                await FirebreakServer.PrepareAsync(app, TextWriter.Null);
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(1, await db.Users.CountAsync());
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
                await drop.ExecuteNonQueryAsync();
            }

            Directory.Delete(dataDir, recursive: true);
        }
    }
}
