using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>
/// Every new alert writes one entry into each index of the alerts table, inside the commit its sender waits for; a storm
/// of distinct alerts pays for each index in B-tree work and in pages written. So the table keeps only the indexes a
/// query uses: open alerts by key (and the integration's cascade), an incident's alerts, and the alert list by status
/// and last sighting.
/// </summary>
public abstract class AlertIndexesTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task TheAlertsTable_KeepsOnlyTheIndexesItsQueriesUse()
    {
        var indexes = await Server.WithDbAsync(async db =>
        {
            var sql = Server.Database.Provider == DatabaseProvider.Postgres
                ? "SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'alerts' AND indexname LIKE 'IX\\_%'"
                : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alerts' AND name LIKE 'IX\\_%' ESCAPE '\\'";
            return await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        });

        Assert.Equal(["IX_alerts_IncidentId", "IX_alerts_IntegrationId_OpenKey", "IX_alerts_Status_LastSeenAt"], indexes.Order(StringComparer.Ordinal));
    }
}

public sealed class AlertIndexesTests_Sqlite(SqliteServerFixture f) : AlertIndexesTests(f), IClassFixture<SqliteServerFixture>;

public sealed class AlertIndexesTests_Postgres(PostgresServerFixture f) : AlertIndexesTests(f), IClassFixture<PostgresServerFixture>;
