using System.Globalization;
using System.Net;
using System.Text.Json;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Intake.HotPath;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>
/// Repeats of open alerts skip EF (<see cref="HotPathWriter"/>; new alerts joining an open incident: <see cref="JoinPathTests"/>); what they store must be what the full path stores: every
/// repeat counted and kept as an event, the alert's last sighting and summary, the incident's last alert time.
/// </summary>
public abstract class RepeatPathTests(ServerFixture fixture)
{
    protected RunningServer Server => fixture.Server;

    protected static object Firing(params (string Host, string Summary)[] alerts) => new
    {
        version = "4",
        status = "firing",
        alerts = alerts.Select(a => new
        {
            status = "firing",
            labels = new Dictionary<string, string> { ["alertname"] = "QueueBacklog", ["instance"] = a.Host },
            annotations = new Dictionary<string, string> { ["summary"] = a.Summary },
            fingerprint = $"fp-{a.Host}",
        }),
    };

    [Fact]
    public async Task RepeatsInOneRequest_AreEachCountedAndKept_AndTheAlertShowsTheLastSighting()
    {
        var path = await NewIntegrationAsync();
        await Server.Anonymous.PostJsonAsync(path, Firing(("a", "backlog on a"), ("b", "backlog on b"))).ExpectAsync(HttpStatusCode.OK);
        var repeatedBefore = Repeats.Written;
        Server.Clock.Advance(TimeSpan.FromMinutes(3));
        var later = Server.Clock.GetUtcNow();

        await Server.Anonymous.PostJsonAsync(path, Firing(("a", "backlog on a"), ("a", "backlog on a: 9000 jobs"), ("b", "backlog on b"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(repeatedBefore + 1, Repeats.Written);
        var alerts = await AlertsAsync(path);
        var a = alerts.Single(x => x.DedupKey == "fp-a");
        var b = alerts.Single(x => x.DedupKey == "fp-b");
        Assert.Equal((3, 2), (a.Occurrences, b.Occurrences));
        Assert.Equal("backlog on a: 9000 jobs", a.Summary);
        Assert.Equal(later, a.LastSeenAt);
        Assert.True(a.FirstSeenAt < later);
        Assert.Equal([("trigger", "created"), ("trigger", "appended"), ("trigger", "appended")], a.Events.OrderBy(e => e.Id).Select(e => (e.Action, e.Outcome)));
        Assert.Equal("backlog on a: 9000 jobs", a.Events.MaxBy(e => e.Id)!.Summary);
        var incident = await Server.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == a.IncidentId));
        Assert.Equal(later, incident.LastAlertAt);
        Assert.Equal(a.IncidentId, b.IncidentId);
    }

    [Fact]
    public async Task ManyRepeatsInOneRequest_LogAnEventEach_WithTheSummaryAsSent_InTheOrderSent()
    {
        var path = await NewIntegrationAsync();
        string[] summaries =
        [
            "plain", "a \"quote\" and a back\\slash", "tab\tand\nnewline", "Grüße aus Köln", "fire 🔥 at 日本", "<b>&amp;</b>", "'single'", "[1, {\"json\": null}]", "last",
        ];
        var hosts = summaries.Select((_, n) => $"h{n}").ToArray();
        await Server.Anonymous.PostJsonAsync(path, Firing([.. hosts.Select(h => (h, "first"))])).ExpectAsync(HttpStatusCode.OK);
        var repeatedBefore = Repeats.Written;

        // In reverse, so the order events are logged in is the request's and not the alerts'.
        await Server.Anonymous.PostJsonAsync(path, Firing([.. hosts.Zip(summaries).Reverse()])).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(repeatedBefore + 1, Repeats.Written);
        var latest = (await AlertsAsync(path)).Select(a => (Host: a.DedupKey[3..], Event: a.Events.MaxBy(e => e.Id)!)).OrderBy(x => x.Event.Id).ToList();
        Assert.Equal(hosts.Zip(summaries).Reverse().Select(x => (x.First, (string?)x.Second, "appended")), latest.Select(x => (x.Host, x.Event.Summary, x.Event.Outcome)));
    }

    [Fact]
    public async Task ManyRepeatsInOneRequest_AreFoundTogether_AndEachCountedOnItsOwnAlert()
    {
        var path = await NewIntegrationAsync();
        var hosts = Enumerable.Range(1, 12).Select(n => ($"h{n}", $"backlog on h{n}")).ToArray();
        await Server.Anonymous.PostJsonAsync(path, Firing(hosts)).ExpectAsync(HttpStatusCode.OK);
        var repeatedBefore = Repeats.Written;

        await Server.Anonymous.PostJsonAsync(path, Firing([.. hosts, hosts[0]])).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(repeatedBefore + 1, Repeats.Written);
        var alerts = await AlertsAsync(path);
        Assert.Equal(12, alerts.Count);
        Assert.All(alerts, a => Assert.Equal(a.DedupKey == "fp-h1" ? 3 : 2, a.Occurrences));
    }

    [Fact]
    public async Task ARepeatOfAResolvedAlert_OpensItAgain_ThroughTheFullPath()
    {
        var path = await NewIntegrationAsync();
        await Server.Anonymous.PostJsonAsync(path, Firing(("a", "backlog on a"))).ExpectAsync(HttpStatusCode.OK);
        await Server.Anonymous.PostJsonAsync(path, new
        {
            version = "4",
            status = "resolved",
            alerts = new[] { new { status = "resolved", labels = new Dictionary<string, string> { ["alertname"] = "QueueBacklog", ["instance"] = "a" }, fingerprint = "fp-a" } },
        }).ExpectAsync(HttpStatusCode.OK);
        var repeatedBefore = Repeats.Written;

        await Server.Anonymous.PostJsonAsync(path, Firing(("a", "backlog on a again"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(repeatedBefore, Repeats.Written);
        var alerts = await AlertsAsync(path);
        Assert.Equal(2, alerts.Count);
        Assert.Single(alerts, x => x.OpenKey == "fp-a" && x.Occurrences == 1);
    }

    [Fact]
    public async Task AKeyFoundNotOpen_ThatAnotherNodeOpensBeforeTheWrite_IsARepeatOfItsAlert_NotASecondAlert()
    {
        var path = await NewIntegrationAsync();
        var key = path[(path.LastIndexOf('/') + 1)..];
        var integration = await Server.WithDbAsync(db => db.Integrations.AsNoTracking().SingleAsync(i => i.Key == key));
        // As if another node stored fp-a between this node's lookup (nothing open) and its write.
        var stale = new KeysNotOpen(new Dictionary<long, HashSet<string>> { [integration.Id] = ["fp-a"] });
        await Server.Anonymous.PostJsonAsync(path, Firing(("a", "backlog on a"))).ExpectAsync(HttpStatusCode.OK);

        var signal = new Firebreak.Core.Intake.AlertSignal(Firebreak.Core.Intake.AlertAction.Trigger, "fp-a", Summary: "backlog on a, from this node");
        var (results, _) = await Server.App.Services.GetRequiredService<IntakeWriter>().WriteFullAsync([new IntakeWork(integration, [signal], null)], stale);

        Assert.Equal(IntakeOutcome.Appended, Assert.Single(Assert.Single(results)).Outcome);
        var alert = Assert.Single(await AlertsAsync(path));
        Assert.Equal((2, "backlog on a, from this node"), (alert.Occurrences, alert.Summary));
    }

    [Fact]
    public Task AnAlertResolvedBetweenTheLookupAndTheWrite_FailsTheRepeatWrite_SoTheBatchTakesTheFullPath() => ResolvedBeforeTheWriteAsync(inTransaction: true);

    /// <summary>Outside a transaction (PostgreSQL's batch of repeats alone) the failed write must also have written nothing.</summary>
    protected async Task ResolvedBeforeTheWriteAsync(bool inTransaction)
    {
        var path = await NewIntegrationAsync();
        await Server.Anonymous.PostJsonAsync(path, Firing(("a", "backlog on a"), ("b", "backlog on b"))).ExpectAsync(HttpStatusCode.OK);
        var key = path[(path.LastIndexOf('/') + 1)..];
        var integration = await Server.WithDbAsync(db => db.Integrations.AsNoTracking().SingleAsync(i => i.Key == key));
        await using var sql = await RepeatStatements.OpenAsync(Server.App.Services.GetRequiredService<IServiceScopeFactory>(), default);
        var open = await sql.FindAsync(integration.Id, ["fp-a", "fp-b"], default);
        await Server.Anonymous.PostJsonAsync(path, new
        {
            version = "4",
            status = "resolved",
            alerts = new[] { new { status = "resolved", labels = new Dictionary<string, string> { ["alertname"] = "QueueBacklog", ["instance"] = "a" }, fingerprint = "fp-a" } },
        }).ExpectAsync(HttpStatusCode.OK);

        var (a, b) = (open["fp-a"], open["fp-b"]);
        await using (var tx = inTransaction ? await sql.BeginAsync(default) : null)
        {
            var written = await sql.RepeatAsync(tx, Server.Clock.GetUtcNow(), "trigger",
                new Dictionary<long, (int, string?, long?)> { [a.Id] = (1, "again", a.IncidentId), [b.Id] = (1, "again", b.IncidentId) }, [a.IncidentId!.Value], [(a.Id, "again"), (b.Id, "again")], default);
            Assert.False(written);
            if (tx is not null)
            {
                await tx.RollbackAsync();
            }
        }

        var alerts = await AlertsAsync(path);
        Assert.All(alerts, x => Assert.Equal(1, x.Occurrences));
        Assert.DoesNotContain(alerts.SelectMany(x => x.Events), e => e.Outcome == IntakeOutcome.Appended);
    }

    private HotPathWriter Repeats => Server.App.Services.GetRequiredService<HotPathWriter>();

    protected async Task<string> NewIntegrationAsync()
    {
        var key = (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"repeats-{Guid.NewGuid():N}", kind = "alertmanager" })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        return $"/integrations/alertmanager/{key}";
    }

    protected Task<List<Alert>> AlertsAsync(string path)
    {
        var key = path[(path.LastIndexOf('/') + 1)..];
        return Server.WithDbAsync(db => db.Alerts.AsNoTracking().Include(a => a.Events).Where(a => a.Integration!.Key == key).ToListAsync());
    }
}

public sealed class RepeatPathTests_Sqlite(SqliteServerFixture f) : RepeatPathTests(f), IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task TheWritersConnection_HasRoomForAStormBatchInItsPageCache_WhileOtherConnectionsKeepTheDefault()
    {
        await using var sql = await RepeatStatements.OpenAsync(Server.App.Services.GetRequiredService<IServiceScopeFactory>(), default);
        await using var asked = sql.Connection.CreateCommand();
        asked.CommandText = "PRAGMA cache_size";

        Assert.Equal(-RepeatStatements.SqliteCacheKiB, Convert.ToInt64(await asked.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
        Assert.Equal(-2000, await Server.WithDbAsync(db => db.Database.SqlQueryRaw<long>("SELECT cache_size AS \"Value\" FROM pragma_cache_size").SingleAsync()));
    }
}

public sealed class RepeatPathTests_Postgres(PostgresServerFixture f) : RepeatPathTests(f), IClassFixture<PostgresServerFixture>
{
    [Fact]
    public Task AnAlertResolvedBetweenTheLookupAndTheWrite_WithoutATransaction_CountsNoneOfTheBatch() => ResolvedBeforeTheWriteAsync(inTransaction: false);

    [Fact]
    public async Task OpenKeys_AreLookedUpOneByOneByTheUniqueIndex_EvenWhenStatisticsSayTheIntegrationHasFewAlerts()
    {
        var path = await NewIntegrationAsync();
        // Statistics taken while the integration has no alert, as during the first minute of a storm into a new table.
        await Server.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE alerts"));
        await Server.Anonymous.PostJsonAsync(path, Firing([.. Enumerable.Range(0, 300).Select(n => ($"h{n}", $"backlog on h{n}"))])).ExpectAsync(HttpStatusCode.OK);
        var integrationId = (await AlertsAsync(path))[0].IntegrationId;
        await using var sql = await RepeatStatements.OpenAsync(Server.App.Services.GetRequiredService<IServiceScopeFactory>(), default);

        var plan = await Server.WithDbAsync(async db =>
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var explain = new NpgsqlCommand($"EXPLAIN (ANALYZE, FORMAT JSON) {sql.FindAllSql}", connection);
            explain.Parameters.AddWithValue("integration", integrationId);
            explain.Parameters.AddWithValue("keys", new[] { "fp-h1", "fp-h2", "fp-h3" });
            return JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        });

        var alertRowsRead = Nodes(plan.RootElement[0].GetProperty("Plan"))
            .Where(n => n.TryGetProperty("Relation Name", out var r) && r.GetString() == "alerts")
            .Sum(n => n.GetProperty("Actual Rows").GetDouble() * n.GetProperty("Actual Loops").GetDouble());
        Assert.Equal(3, alertRowsRead);
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node) =>
        node.TryGetProperty("Plans", out var children) ? [node, .. children.EnumerateArray().SelectMany(Nodes)] : [node];
}
