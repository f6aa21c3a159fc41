using System.Data.Common;
using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Escalation;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Incidents.Opening;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Features.Escalation;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Incidents;

/// <summary>
/// An opening's rows (incident, checklist, timeline, escalation, page, work) are written with plain inserts instead of
/// EF's update pipeline (<see cref="TrackedInserts"/>); what is stored must be exactly what EF would have stored.
/// </summary>
public abstract class OpeningRowsTests(EngineFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task AnOpeningsRows_AreInsertedWithoutEf_AndReadBackAsTheyWereTracked()
    {
        var (scope, db, opener, level, service, efInserts) = await OpeningAsync();
        await using var _ = scope;
        await using var __ = db;
        var added = new List<EntityEntry>();
        db.SavingChanges += (_, _) => added.AddRange(db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added));

        var incident = await opener.OpenAsync(new NewIncident("Queue backs up", level, service, Description: "Consumers stalled"),
            Actor.System, Server.Clock.GetUtcNow(), default);
        await opener.SaveAsync(default);

        Assert.Empty(efInserts.Statements);
        Assert.Superset(
            new HashSet<Type> { typeof(Incident), typeof(ChecklistItem), typeof(TimelineEntry), typeof(IncidentEscalation), typeof(NotificationDelivery), typeof(WorkItem) },
            added.Select(e => e.Metadata.ClrType).ToHashSet());
        Assert.All(added, e => Assert.Equal(EntityState.Unchanged, e.State));
        Assert.True(incident.Id > 0);
        await Server.WithDbAsync(async fresh =>
        {
            foreach (var entry in added)
            {
                var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue).ToArray();
                Assert.False(key.Any(k => k is long id && id <= 0), $"{entry.Metadata.ShortName()} kept a temporary key");
                var stored = await fresh.FindAsync(entry.Metadata.ClrType, key);
                Assert.NotNull(stored);
                foreach (var property in entry.Metadata.GetProperties())
                {
                    var (written, read) = (entry.Property(property.Name).CurrentValue, fresh.Entry(stored).Property(property.Name).CurrentValue);
                    Assert.True(property.GetValueComparer().Equals(written, read),
                        $"{entry.Metadata.ShortName()}.{property.Name}: tracked {written}, stored {read}");
                }
            }

            return added.Count;
        });
    }

    [Fact]
    public async Task ASaveThatAlsoChangesARow_IsLeftToEfWhole()
    {
        var (scope, db, opener, level, service, efInserts) = await OpeningAsync();
        await using var _ = scope;
        await using var __ = db;
        db.Entry(service).State = EntityState.Modified;

        var incident = await opener.OpenAsync(new NewIncident("Queue backs up", level, service), Actor.System, Server.Clock.GetUtcNow(), default);
        await opener.SaveAsync(default);

        Assert.Contains(efInserts.Statements, s => s.Replace("\"", "", StringComparison.Ordinal).Contains("INSERT INTO incidents ", StringComparison.Ordinal));
        var pages = await Server.WithDbAsync(fresh => fresh.NotificationDeliveries.CountAsync(n => n.IncidentId == incident.Id));
        Assert.Equal(1, pages);
    }

    /// <summary>
    /// A service and its two-step policy, and an opener on a context of the test's own: the server's interceptors, then
    /// one that sees EF's own statements, then <see cref="TrackedInserts"/> last as the server has it.
    /// </summary>
    private async Task<(AsyncServiceScope, FirebreakDb, IncidentOpener, SeverityLevel, Service, EfInserts)> OpeningAsync()
    {
        var t = Tag();
        await fixture.PersonAsync($"ann{t}");
        var serviceKey = await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Two steps",
            steps = new[] { new { targets = new[] { $"user:ann{t}" }, delay = "5m" }, new { targets = new[] { $"user:ann{t}" }, delay = "5m" } },
        });
        var scope = Server.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var efInserts = new EfInserts();
        var storage = services.GetRequiredService<StorageOptions>();
        IInterceptor[] interceptors = [.. services.GetServices<IInterceptor>(), efInserts, TrackedInserts.Instance];
        // The server's model: compiled queries the opening steps run refuse any other.
        var model = services.GetRequiredService<FirebreakDb>().Model;
        FirebreakDb db = storage.Provider == DatabaseProvider.Postgres
            ? new PostgresFirebreakDb(new DbContextOptionsBuilder<PostgresFirebreakDb>().UseModel(model).UseNpgsql(storage.ConnectionString).AddInterceptors(interceptors).Options)
            : new SqliteFirebreakDb(new DbContextOptionsBuilder<SqliteFirebreakDb>().UseModel(model).UseSqlite(storage.ConnectionString).AddInterceptors(interceptors).Options);
        var level = (await services.GetRequiredService<SeverityCatalog>().GetSchemeAsync()).Levels[1];
        var service = await db.Services.SingleAsync(s => s.Key == serviceKey);
        return (scope, db, new IncidentOpener(db, services.GetServices<IIncidentOpeningStep>()), level, service, efInserts);
    }

    /// <summary>The INSERT statements EF itself runs; rows written by <see cref="TrackedInserts"/> never reach EF's interceptors.</summary>
    private sealed class EfInserts : DbCommandInterceptor
    {
        public List<string> Statements { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT", StringComparison.OrdinalIgnoreCase))
            {
                Statements.Add(command.CommandText);
            }

            return ValueTask.FromResult(result);
        }
    }
}

public sealed class OpeningRowsTests_Sqlite(SqliteEngineFixture f) : OpeningRowsTests(f), IClassFixture<SqliteEngineFixture>;

public sealed class OpeningRowsTests_Postgres(PostgresEngineFixture f) : OpeningRowsTests(f), IClassFixture<PostgresEngineFixture>;
