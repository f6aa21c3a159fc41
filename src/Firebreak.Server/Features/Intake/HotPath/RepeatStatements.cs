using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>An open alert as the repeat path needs it: where a repeat's event goes and what its sender is told.</summary>
internal sealed record OpenAlert(long Id, long? IncidentId, int? IncidentNumber);

/// <summary>
/// The prepared statements of the repeat path on one connection that stays open: a database prepares each once,
/// not once per batch, and no DbContext is set up per batch.
/// </summary>
internal sealed class RepeatStatements : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly FirebreakDb _db;
    private readonly DbConnection _connection;
    private readonly DbCommand _find;
    private readonly StoreParameter _findIntegration, _findKey;
    private readonly NpgsqlCommand? _findAll;
    private readonly NpgsqlParameter<string[]>? _findAllKeys;
    private readonly StoreParameter _findAllIntegration;
    private readonly PostgresGroups? _findWithGroups;
    private readonly StoreParameter _withGroupsIntegration;
    private readonly NpgsqlParameter<string[]>? _withGroupsKeys;
    private readonly DbCommand? _findMany;
    private readonly StoreParameter _findManyIntegration;
    private readonly DbParameter? _findManyKeys;
    private readonly DbCommand _touchAlert;
    private readonly StoreParameter _alertId, _alertIncident, _alertSeen, _alertRepeats, _alertSummary;
    private readonly DbCommand _touchIncident;
    private readonly StoreParameter _incidentId, _incidentHeard;
    private readonly DbCommand _insertEvent;
    private readonly StoreParameter _eventAlert, _eventAt, _eventAction, _eventOutcome, _eventSummary;

    // SQLite: a storm's batch logs hundreds of events, and a statement read from a JSON array costs one call into SQLite
    // where a statement per event costs a bind, a step and a reset each.
    private readonly DbCommand? _insertManyEvents;
    private readonly DbParameter? _manyEventsRows;

    // On PostgreSQL every statement is a round trip, so all keys are found, and all events inserted, by one statement each.
    private readonly NpgsqlCommand? _insertEvents;
    private readonly NpgsqlParameter<long[]>? _eventsAlerts;
    private readonly NpgsqlParameter<string?[]>? _eventsSummaries;

    // The time, action and outcome shared by a batch's events, on whichever of the two statements above the database has.
    private readonly StoreParameter _eventsAt, _eventsAction, _eventsOutcome;

    // A batch of repeats on PostgreSQL: every alert counted, every incident told and every event inserted by one statement.
    private readonly NpgsqlCommand? _repeatAll;
    private readonly NpgsqlParameter<long[]>? _repeatAlerts, _repeatIncidents, _repeatEventAlerts;
    private readonly NpgsqlParameter<long?[]>? _repeatAlertIncidents;
    private readonly NpgsqlParameter<int[]>? _repeatCounts;
    private readonly NpgsqlParameter<string?[]>? _repeatSummaries, _repeatEventSummaries;
    private readonly StoreParameter _repeatSeen, _repeatHeard, _repeatAt, _repeatAction, _repeatOutcome;
    private NpgsqlBatch? _repeatAndJoin;

    private RepeatStatements(AsyncServiceScope scope, FirebreakDb db)
    {
        _scope = scope;
        _db = db;
        _connection = db.Database.GetDbConnection();
        var alerts = new StoreColumns<Alert>(db.Model);
        var incidents = new StoreColumns<Incident>(db.Model);
        var events = new StoreColumns<AlertEvent>(db.Model);

        var openAlerts = $"""
            SELECT a.{alerts["Id"]}, a.{alerts["IncidentId"]}, i.{incidents["Number"]}, a.{alerts["OpenKey"]}
            FROM {alerts.Table} a LEFT JOIN {incidents.Table} i ON i.{incidents["Id"]} = a.{alerts["IncidentId"]}
            WHERE a.{alerts["IntegrationId"]} = @integration AND a.{alerts["OpenKey"]}
            """;
        _find = _connection.CreateCommand();
        _find.CommandText = $"{openAlerts} = @key";
        _findIntegration = alerts.Parameter(_find, "integration", "IntegrationId");
        _findKey = alerts.Parameter(_find, "key", "OpenKey");

        // On SQLite a statement per key costs no round trip, but a batch of hundreds of new alerts is still cheaper found at once.
        if (_connection is not NpgsqlConnection)
        {
            _findMany = _connection.CreateCommand();
            _findMany.CommandText = $"{openAlerts} IN (SELECT value FROM json_each(@keys))";
            _findManyIntegration = alerts.Parameter(_findMany, "integration", "IntegrationId");
            _findManyKeys = _findMany.CreateParameter();
            _findManyKeys.ParameterName = "@keys";
            _findMany.Parameters.Add(_findManyKeys);

            _insertManyEvents = _connection.CreateCommand();
            _insertManyEvents.CommandText = $"""
                INSERT INTO {events.Table} ({events["AlertId"]}, {events["At"]}, {events["Action"]}, {events["Outcome"]}, {events["Summary"]})
                SELECT json_extract(e.value, '$[0]'), @at, @action, @outcome, json_extract(e.value, '$[1]') FROM json_each(@rows) e ORDER BY e.key
                """;
            _eventsAt = events.Parameter(_insertManyEvents, "at", "At");
            _eventsAction = events.Parameter(_insertManyEvents, "action", "Action");
            _eventsOutcome = events.Parameter(_insertManyEvents, "outcome", "Outcome");
            _manyEventsRows = _insertManyEvents.CreateParameter();
            _manyEventsRows.ParameterName = "@rows";
            _insertManyEvents.Parameters.Add(_manyEventsRows);
        }

        // The open-key condition makes an alert resolved by someone else since it was found count as not open, and the
        // incident's an alert moved to another incident count as changed: the batch then looks again.
        _touchAlert = _connection.CreateCommand();
        _touchAlert.CommandText = $"""
            UPDATE {alerts.Table}
            SET {alerts["LastSeenAt"]} = @seen, {alerts["Occurrences"]} = {alerts["Occurrences"]} + @repeats,
                {alerts["Summary"]} = COALESCE(@summary, {alerts["Summary"]})
            WHERE {alerts["Id"]} = @id AND {alerts["OpenKey"]} IS NOT NULL AND {alerts["IncidentId"]} {(_connection is NpgsqlConnection ? "IS NOT DISTINCT FROM" : "IS")} @incident
            """;
        _alertId = alerts.Parameter(_touchAlert, "id", "Id");
        _alertIncident = alerts.Parameter(_touchAlert, "incident", "IncidentId");
        _alertSeen = alerts.Parameter(_touchAlert, "seen", "LastSeenAt");
        _alertRepeats = alerts.Parameter(_touchAlert, "repeats", "Occurrences");
        _alertSummary = alerts.Parameter(_touchAlert, "summary", "Summary");

        _touchIncident = _connection.CreateCommand();
        _touchIncident.CommandText = $"UPDATE {incidents.Table} SET {incidents["LastAlertAt"]} = @heard WHERE {incidents["Id"]} = @id";
        _incidentId = incidents.Parameter(_touchIncident, "id", "Id");
        _incidentHeard = incidents.Parameter(_touchIncident, "heard", "LastAlertAt");

        _insertEvent = _connection.CreateCommand();
        _insertEvent.CommandText = $"""
            INSERT INTO {events.Table} ({events["AlertId"]}, {events["At"]}, {events["Action"]}, {events["Outcome"]}, {events["Summary"]})
            VALUES (@alert, @at, @action, @outcome, @summary)
            """;
        _eventAlert = events.Parameter(_insertEvent, "alert", "AlertId");
        _eventAt = events.Parameter(_insertEvent, "at", "At");
        _eventAction = events.Parameter(_insertEvent, "action", "Action");
        _eventOutcome = events.Parameter(_insertEvent, "outcome", "Outcome");
        _eventSummary = events.Parameter(_insertEvent, "summary", "Summary");

        Joins = new JoinStatements(_connection, db);

        if (_connection is NpgsqlConnection postgres)
        {
            // Each key looked up on its own, all in one statement: "= ANY(@keys)" was planned as a scan of the integration's
            // every alert whenever the table had grown since it was last analyzed (a storm into a young table: 15 ms a
            // batch at 15,000 alerts, and growing); a lookup of one key by the unique index is the plan whatever the
            // statistics. OFFSET 0 keeps it so: without it the planner flattens the subquery into a join and, believing
            // the integration has a handful of alerts, hashes all of them again for every batch.
            _findAll = postgres.CreateCommand();
            _findAll.CommandText = $"""
                SELECT a.{alerts["Id"]}, a.{alerts["IncidentId"]}, i.{incidents["Number"]}, a.{alerts["OpenKey"]}
                FROM unnest(@keys) AS k(key)
                CROSS JOIN LATERAL (
                    SELECT * FROM {alerts.Table} x WHERE x.{alerts["IntegrationId"]} = @integration AND x.{alerts["OpenKey"]} = k.key OFFSET 0) a
                LEFT JOIN {incidents.Table} i ON i.{incidents["Id"]} = a.{alerts["IncidentId"]}
                """;
            _findAllIntegration = alerts.Parameter(_findAll, "integration", "IntegrationId");
            _findAllKeys = new NpgsqlParameter<string[]>("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [] };
            _findAll.Parameters.Add(_findAllKeys);

            // A new alert needs both its key and its group looked up: one round trip finds both for a batch.
            _findWithGroups = Joins.GroupsAfter(_findAll.CommandText)!;
            _withGroupsIntegration = alerts.Parameter(_findWithGroups.Command, "integration", "IntegrationId");
            _withGroupsKeys = new NpgsqlParameter<string[]>("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [] };
            _findWithGroups.Command.Parameters.Add(_withGroupsKeys);

            _insertEvents = postgres.CreateCommand();
            _insertEvents.CommandText = $"""
                INSERT INTO {events.Table} ({events["AlertId"]}, {events["At"]}, {events["Action"]}, {events["Outcome"]}, {events["Summary"]})
                SELECT e.alert, @at, @action, @outcome, e.summary FROM unnest(@alerts, @summaries) AS e(alert, summary)
                """;
            _eventsAt = events.Parameter(_insertEvents, "at", "At");
            _eventsAction = events.Parameter(_insertEvents, "action", "Action");
            _eventsOutcome = events.Parameter(_insertEvents, "outcome", "Outcome");
            _eventsAlerts = new NpgsqlParameter<long[]>("alerts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [] };
            _eventsSummaries = new NpgsqlParameter<string?[]>("summaries", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [] };
            _insertEvents.Parameters.Add(_eventsAlerts);
            _insertEvents.Parameters.Add(_eventsSummaries);

            // Each part of one statement sees the same snapshot, and they touch different rows. An alert resolved since
            // it was found fails the whole statement (nothing counted), and the batch goes the full way.
            _repeatAll = postgres.CreateCommand();
            _repeatAll.CommandText = $$"""
                WITH counted AS (
                    UPDATE {{alerts.Table}} a
                    SET {{alerts["LastSeenAt"]}} = @seen, {{alerts["Occurrences"]}} = a.{{alerts["Occurrences"]}} + r.repeats,
                        {{alerts["Summary"]}} = COALESCE(r.summary, a.{{alerts["Summary"]}})
                    FROM unnest(@alerts, @repeats, @summaries, @alertIncidents) AS r(id, repeats, summary, incident)
                    WHERE a.{{alerts["Id"]}} = r.id AND a.{{alerts["OpenKey"]}} IS NOT NULL AND a.{{alerts["IncidentId"]}} IS NOT DISTINCT FROM r.incident
                    RETURNING a.{{alerts["Id"]}}
                ), told AS (
                    UPDATE {{incidents.Table}} i SET {{incidents["LastAlertAt"]}} = @heard
                    FROM unnest(@incidents) AS t(id) WHERE i.{{incidents["Id"]}} = t.id
                ), logged AS (
                    INSERT INTO {{events.Table}} ({{events["AlertId"]}}, {{events["At"]}}, {{events["Action"]}}, {{events["Outcome"]}}, {{events["Summary"]}})
                    SELECT e.alert, @at, @action, @outcome, e.summary FROM unnest(@eventAlerts, @eventSummaries) AS e(alert, summary)
                )
                SELECT {{ChangedSinceFound.Unless("count(*) = cardinality(@alerts)", "count(*)")}} FROM counted
                """;
            _repeatSeen = alerts.Parameter(_repeatAll, "seen", "LastSeenAt");
            _repeatHeard = incidents.Parameter(_repeatAll, "heard", "LastAlertAt");
            _repeatAt = events.Parameter(_repeatAll, "at", "At");
            _repeatAction = events.Parameter(_repeatAll, "action", "Action");
            _repeatOutcome = events.Parameter(_repeatAll, "outcome", "Outcome");
            _repeatAlerts = Array<long>(_repeatAll, "alerts", NpgsqlDbType.Bigint);
            _repeatCounts = Array<int>(_repeatAll, "repeats", NpgsqlDbType.Integer);
            _repeatSummaries = Array<string?>(_repeatAll, "summaries", NpgsqlDbType.Text);
            _repeatAlertIncidents = Array<long?>(_repeatAll, "alertIncidents", NpgsqlDbType.Bigint);
            _repeatIncidents = Array<long>(_repeatAll, "incidents", NpgsqlDbType.Bigint);
            _repeatEventAlerts = Array<long>(_repeatAll, "eventAlerts", NpgsqlDbType.Bigint);
            _repeatEventSummaries = Array<string?>(_repeatAll, "eventSummaries", NpgsqlDbType.Text);
        }
    }

    private static NpgsqlParameter<T[]> Array<T>(NpgsqlCommand command, string name, NpgsqlDbType element)
    {
        var parameter = new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | element) { TypedValue = [] };
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static async Task<RepeatStatements> OpenAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
            // Opened through EF so the connection gets the same settings as every other (synchronous=FULL on SQLite).
            await db.Database.OpenConnectionAsync(ct);
            await KeepStormBatchesInMemoryAsync(db.Database.GetDbConnection(), ct);
            var statements = new RepeatStatements(scope, db);
            foreach (var command in statements.Commands)
            {
                await command.PrepareAsync(ct);
            }

            return statements;
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>SQLite's page cache on the writer's connection, in KiB (its default is 2,000).</summary>
    internal const int SqliteCacheKiB = 16_384;

    // A batch of a storm's new alerts (1,600 at 16 senders of 100) dirties ~1,900 pages, ~7.6 MB: more than SQLite's
    // default cache, which then spills pages into the log before the commit and reads index pages back from the file.
    // With room for the batch, a request of 100 new alerts made 23 read and 212 write calls instead of 230 and 443.
    private static async Task KeepStormBatchesInMemoryAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection is NpgsqlConnection)
        {
            return;
        }

        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA cache_size=-{SqliteCacheKiB}";
        await pragma.ExecuteNonQueryAsync(ct);
    }

    private DbCommand[] Commands =>
        [_find, _touchAlert, _touchIncident, _insertEvent, .. Joins.Commands, .. new DbCommand?[] { _findMany, _insertManyEvents, _findAll, _findWithGroups?.Command, _insertEvents, _repeatAll }.OfType<DbCommand>()];

    /// <summary>PostgreSQL's lookup of many open keys at once, for tests of its plan.</summary>
    internal string? FindAllSql => _findAll?.CommandText;

    /// <summary>What adds new alerts to their group's open incident, on the same connection.</summary>
    public JoinStatements Joins { get; }

    public DbConnection Connection => _connection;

    /// <summary>Services of the scope the connection belongs to, for the routing inputs new alerts need (cached rows).</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    public Task<DbTransaction> BeginAsync(CancellationToken ct) => _connection.BeginTransactionAsync(ct).AsTask();

    /// <summary>
    /// PostgreSQL: the repeats, and the new alerts joining, are each written by one statement that refuses as a whole,
    /// so a batch with only one of them needs no transaction, and its commit rides in the statement's round trip.
    /// </summary>
    public bool WritesAlone => _repeatAll is not null;

    // From this many keys to find, or events to log, one statement over a JSON array costs SQLite less than one per row.
    private const int ManyFrom = 8;

    /// <summary>The open alerts of <paramref name="integrationId"/> with these keys; keys of none are missing from the answer.</summary>
    public async Task<Dictionary<string, OpenAlert>> FindAsync(long integrationId, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var found = new Dictionary<string, OpenAlert>(keys.Count, StringComparer.Ordinal);
        if (_findAll is not null && keys.Count > 1)
        {
            _findAllIntegration.Set(integrationId);
            _findAllKeys!.TypedValue = [.. keys];
            await using var all = await _findAll.ExecuteReaderAsync(ct);
            while (await all.ReadAsync(ct))
            {
                found[all.GetString(3)] = await ReadAsync(all, ct);
            }

            return found;
        }

        if (_findMany is not null && keys.Count >= ManyFrom)
        {
            _findMany.Transaction = null;
            _findManyIntegration.Set(integrationId);
            _findManyKeys!.Value = JsonSerializer.Serialize(keys);
            await using var many = await _findMany.ExecuteReaderAsync(ct);
            while (await many.ReadAsync(ct))
            {
                found[many.GetString(3)] = await ReadAsync(many, ct);
            }

            return found;
        }

        _find.Transaction = null;
        _findIntegration.Set(integrationId);
        foreach (var key in keys)
        {
            _findKey.Set(key);
            await using var one = await _find.ExecuteReaderAsync(ct);
            if (await one.ReadAsync(ct))
            {
                found[key] = await ReadAsync(one, ct);
            }
        }

        return found;
    }

    /// <summary>PostgreSQL: whether <see cref="FindWithGroupsAsync"/> can look up keys and groups together.</summary>
    public bool FindsKeysWithGroups => _findWithGroups is not null;

    /// <summary>As <see cref="FindAsync"/>, and the open incident of each group (as <see cref="JoinStatements.FindAllAsync"/>), in one round trip.</summary>
    public async Task<(Dictionary<string, OpenAlert> Open, Dictionary<(string Group, DateTimeOffset Since), GroupIncident?> Groups)> FindWithGroupsAsync(
        long integrationId, IReadOnlyCollection<string> keys, IReadOnlyCollection<(string Group, DateTimeOffset Since)> groups, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(_findWithGroups);
        var found = new Dictionary<string, OpenAlert>(keys.Count, StringComparer.Ordinal);
        _withGroupsIntegration.Set(integrationId);
        _withGroupsKeys!.TypedValue = [.. keys];
        var incidents = await _findWithGroups.FindAsync(groups, ct, async reader =>
        {
            while (await reader.ReadAsync(ct))
            {
                found[reader.GetString(3)] = await ReadAsync(reader, ct);
            }
        });
        return (found, incidents);
    }

    private static async Task<OpenAlert> ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        var incident = await reader.IsDBNullAsync(1, ct) ? (long?)null : reader.GetInt64(1);
        var number = await reader.IsDBNullAsync(2, ct) ? (int?)null : reader.GetInt32(2);
        return new OpenAlert(reader.GetInt64(0), incident, number);
    }

    /// <summary>
    /// Counts each alert's repeats (<paramref name="alerts"/>), marks when its incident last heard one, and logs an
    /// event per repeat; false when an alert is no longer open or in the incident given, and the caller rolls back. Without a transaction
    /// (PostgreSQL only, see <see cref="WritesAlone"/>) the statement commits on its own, or writes nothing and is false.
    /// </summary>
    public async Task<bool> RepeatAsync(
        DbTransaction? tx, DateTimeOffset now, string action, IReadOnlyDictionary<long, (int Count, string? Summary, long? Incident)> alerts, IReadOnlyCollection<long> incidents,
        IReadOnlyList<(long Alert, string? Summary)> events, CancellationToken ct)
    {
        if (_repeatAll is null)
        {
            ArgumentNullException.ThrowIfNull(tx);
            foreach (var (id, (count, summary, incident)) in alerts)
            {
                if (!await TouchAlertAsync(tx, id, incident, now, count, summary, ct))
                {
                    return false;
                }
            }

            foreach (var incident in incidents)
            {
                await TouchIncidentAsync(tx, incident, now, ct);
            }

            await InsertEventsAsync(tx, now, action, IntakeOutcome.Appended, events, ct);
            return true;
        }

        if (alerts.Count == 0 && incidents.Count == 0 && events.Count == 0)
        {
            return true;
        }

        _repeatAll.Transaction = (NpgsqlTransaction?)tx;
        BindRepeatAll(now, action, alerts, incidents, events);
        try
        {
            return Convert.ToInt64(await _repeatAll.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == alerts.Count;
        }
        catch (PostgresException ex) when (ChangedSinceFound.Is(ex))
        {
            return false;
        }
    }

    private void BindRepeatAll(
        DateTimeOffset now, string action, IReadOnlyDictionary<long, (int Count, string? Summary, long? Incident)> alerts, IReadOnlyCollection<long> incidents,
        IReadOnlyList<(long Alert, string? Summary)> events)
    {
        _repeatSeen.Set(now);
        _repeatHeard.Set(now);
        _repeatAt.Set(now);
        _repeatAction.Set(action);
        _repeatOutcome.Set(IntakeOutcome.Appended);
        _repeatAlerts!.TypedValue = [.. alerts.Keys];
        _repeatCounts!.TypedValue = [.. alerts.Values.Select(v => v.Count)];
        _repeatSummaries!.TypedValue = [.. alerts.Values.Select(v => v.Summary)];
        _repeatAlertIncidents!.TypedValue = [.. alerts.Values.Select(v => v.Incident)];
        _repeatIncidents!.TypedValue = [.. incidents];
        _repeatEventAlerts!.TypedValue = [.. events.Select(e => e.Alert)];
        _repeatEventSummaries!.TypedValue = [.. events.Select(e => e.Summary)];
    }

    /// <summary>
    /// PostgreSQL: a batch of repeats and of new alerts joining, as <see cref="RepeatAsync"/> and
    /// <see cref="JoinStatements.JoinAllAsync"/> would write them, sent together: one round trip, and one implicit
    /// transaction, so either statement refusing writes nothing of either. PostgreSQL only (<see cref="WritesAlone"/>).
    /// </summary>
    public async Task<bool> RepeatAndJoinAsync(
        DateTimeOffset now, string action, IReadOnlyDictionary<long, (int Count, string? Summary, long? Incident)> alerts, IReadOnlyCollection<long> incidents,
        IReadOnlyList<(long Alert, string? Summary)> events,
        IReadOnlyList<(GroupIncident Incident, DateTimeOffset? Impact)> joined, IReadOnlyList<TimelineEntry> lines, IReadOnlyList<(Alert Alert, string? Summary)> added,
        string addedOutcome, CancellationToken ct)
    {
        var joins = Joins.PostgresJoins;
        ArgumentNullException.ThrowIfNull(_repeatAll);
        ArgumentNullException.ThrowIfNull(joins);
        BindRepeatAll(now, action, alerts, incidents, events);
        var byKey = joins.Bind(joined, lines, added, now, action, addedOutcome);
        _repeatAndJoin ??= await BatchOfAsync(ct, _repeatAll, joins.Command);
        CopyValues(_repeatAll, _repeatAndJoin.BatchCommands[0]);
        CopyValues(joins.Command, _repeatAndJoin.BatchCommands[1]);
        try
        {
            await using var reader = await _repeatAndJoin.ExecuteReaderAsync(ct);
            var counted = await reader.ReadAsync(ct) ? reader.GetInt64(0) : -1;
            await reader.NextResultAsync(ct);
            return await PostgresJoins.ReadAsync(reader, byKey, joined.Count, ct) && counted == alerts.Count;
        }
        catch (PostgresException ex) when (ChangedSinceFound.Is(ex))
        {
            return false;
        }
    }

    // The statements of a batch need parameters of their own: each gets copies of its command's, prepared once.
    private async Task<NpgsqlBatch> BatchOfAsync(CancellationToken ct, params NpgsqlCommand[] commands)
    {
        var batch = ((NpgsqlConnection)_connection).CreateBatch();
        foreach (var command in commands)
        {
            var statement = new NpgsqlBatchCommand(command.CommandText);
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                statement.Parameters.Add(parameter.Clone());
            }

            batch.BatchCommands.Add(statement);
        }

        await batch.PrepareAsync(ct);
        return batch;
    }

    private static void CopyValues(NpgsqlCommand from, NpgsqlBatchCommand to)
    {
        for (var i = 0; i < from.Parameters.Count; i++)
        {
            to.Parameters[i].Value = from.Parameters[i].Value;
        }
    }

    /// <summary>Counts the repeats on the alert; false when it is no longer open, or no longer in <paramref name="incident"/>.</summary>
    private async Task<bool> TouchAlertAsync(DbTransaction tx, long id, long? incident, DateTimeOffset seen, int repeats, string? summary, CancellationToken ct)
    {
        _touchAlert.Transaction = tx;
        _alertId.Set(id);
        _alertIncident.Set(incident);
        _alertSeen.Set(seen);
        _alertRepeats.Set(repeats);
        _alertSummary.Set(summary);
        return await _touchAlert.ExecuteNonQueryAsync(ct) == 1;
    }

    private async Task TouchIncidentAsync(DbTransaction tx, long id, DateTimeOffset heard, CancellationToken ct)
    {
        _touchIncident.Transaction = tx;
        _incidentId.Set(id);
        _incidentHeard.Set(heard);
        await _touchIncident.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One event row per repeat, all at <paramref name="at"/>.</summary>
    public async Task InsertEventsAsync(
        DbTransaction tx, DateTimeOffset at, string action, string outcome, IReadOnlyList<(long Alert, string? Summary)> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (_insertEvents is not null)
        {
            _insertEvents.Transaction = (NpgsqlTransaction)tx;
            _eventsAt.Set(at);
            _eventsAction.Set(action);
            _eventsOutcome.Set(outcome);
            _eventsAlerts!.TypedValue = [.. rows.Select(r => r.Alert)];
            _eventsSummaries!.TypedValue = [.. rows.Select(r => r.Summary)];
            await _insertEvents.ExecuteNonQueryAsync(ct);
            return;
        }

        if (_insertManyEvents is not null && rows.Count >= ManyFrom)
        {
            _insertManyEvents.Transaction = tx;
            _eventsAt.Set(at);
            _eventsAction.Set(action);
            _eventsOutcome.Set(outcome);
            _manyEventsRows!.Value = EventRows(rows);
            await _insertManyEvents.ExecuteNonQueryAsync(ct);
            return;
        }

        _insertEvent.Transaction = tx;
        _eventAt.Set(at);
        _eventAction.Set(action);
        _eventOutcome.Set(outcome);
        foreach (var (alert, summary) in rows)
        {
            _eventAlert.Set(alert);
            _eventSummary.Set(summary);
            await _insertEvent.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The events as a JSON array of [alert, summary] pairs, for <see cref="_insertManyEvents"/>.</summary>
    private static string EventRows(IReadOnlyList<(long Alert, string? Summary)> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(rows.Count * 64);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (alert, summary) in rows)
            {
                json.WriteStartArray();
                json.WriteNumberValue(alert);
                json.WriteStringValue(summary);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public async ValueTask DisposeAsync()
    {
        if (_repeatAndJoin is not null)
        {
            await _repeatAndJoin.DisposeAsync();
        }

        foreach (var command in Commands)
        {
            await command.DisposeAsync();
        }

        await _db.Database.CloseConnectionAsync();
        await _scope.DisposeAsync();
    }
}
