using System.Data.Common;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>The open incident an alert group feeds, as the hot path needs it to add an alert to it.</summary>
internal sealed record GroupIncident(long Id, int Number, string Slug, int Revision, IncidentStatus Status, DateTimeOffset? ImpactStartedAt);

/// <summary>
/// The statements that add new alerts to incidents already open for their group, on the hot path's connection: find
/// the group's incident, bump it (only if nobody changed it since it was found), and insert the alerts and the
/// "alert joined" line (their events go through the repeats' event statement).
/// </summary>
internal sealed class JoinStatements
{
    private readonly StoreColumns<Incident> _incidents;
    private readonly DbCommand _find;
    private readonly StoreParameter _findGroup, _findSince, _findResolved, _findClosed;
    private readonly DbCommand _join;
    private readonly StoreParameter _joinId, _joinRevision, _joinHeard, _joinUpdated, _joinImpact;

    public JoinStatements(DbConnection connection, FirebreakDb db)
    {
        var incidents = _incidents = new StoreColumns<Incident>(db.Model);
        _find = connection.CreateCommand();
        _find.CommandText = $"""
            SELECT {incidents["Id"]}, {incidents["Number"]}, {incidents["Slug"]}, {incidents["Revision"]}, {incidents["Status"]}, {incidents["ImpactStartedAt"]}
            FROM {incidents.Table}
            WHERE {incidents["AlertGroupKey"]} = @group AND {incidents["Status"]} <> @resolved AND {incidents["Status"]} <> @closed
              AND {incidents["LastAlertAt"]} >= @since
            ORDER BY {incidents["Id"]} DESC
            LIMIT 1
            """;
        _findGroup = incidents.Parameter(_find, "group", "AlertGroupKey");
        _findSince = incidents.Parameter(_find, "since", "LastAlertAt");
        _findResolved = incidents.Parameter(_find, "resolved", "Status");
        _findClosed = incidents.Parameter(_find, "closed", "Status");
        _findResolved.Set(IncidentStatus.Resolved);
        _findClosed.Set(IncidentStatus.Closed);

        // The revision check is EF's concurrency token by hand: a person's change since the lookup sends the batch the full way.
        _join = connection.CreateCommand();
        _join.CommandText = $"""
            UPDATE {incidents.Table}
            SET {incidents["LastAlertAt"]} = @heard, {incidents["UpdatedAt"]} = @updated, {incidents["ImpactStartedAt"]} = @impact,
                {incidents["Revision"]} = {incidents["Revision"]} + 1
            WHERE {incidents["Id"]} = @id AND {incidents["Revision"]} = @revision
            """;
        _joinId = incidents.Parameter(_join, "id", "Id");
        _joinRevision = incidents.Parameter(_join, "revision", "Revision");
        _joinHeard = incidents.Parameter(_join, "heard", "LastAlertAt");
        _joinUpdated = incidents.Parameter(_join, "updated", "UpdatedAt");
        _joinImpact = incidents.Parameter(_join, "impact", "ImpactStartedAt");

        Alerts = new RowInserter<Alert>(db);
        Lines = new RowInserter<TimelineEntry>(db);
        if (connection is NpgsqlConnection postgres)
        {
            (_findGroups, _joinAll) = (new PostgresGroups(postgres, incidents, _findResolved, _findClosed),
                new PostgresJoins(postgres, incidents, new StoreColumns<Alert>(db.Model), new StoreColumns<AlertEvent>(db.Model), Alerts, Lines));
        }
    }

    private readonly PostgresGroups? _findGroups;

    /// <summary>PostgreSQL: a lookup of groups that runs <paramref name="keysFirst"/> before it, in the same round trip.</summary>
    public PostgresGroups? GroupsAfter(string keysFirst) =>
        _findGroups is null ? null : new PostgresGroups((NpgsqlConnection)_find.Connection!, _incidents, _findResolved, _findClosed, keysFirst);
    private readonly PostgresJoins? _joinAll;

    /// <summary>PostgreSQL's join statement, for a batch that runs it with the repeats' in one round trip.</summary>
    internal PostgresJoins? PostgresJoins => _joinAll;

    public RowInserter<Alert> Alerts { get; }

    public RowInserter<TimelineEntry> Lines { get; }

    public DbCommand[] Commands => [_find, _join, .. new DbCommand?[] { _findGroups?.Command, _joinAll?.Command }.OfType<DbCommand>()];

    /// <summary>
    /// The open incident of each group (as <see cref="FindAsync"/>), or null; on PostgreSQL in one round trip for the
    /// whole batch instead of one per group.
    /// </summary>
    public async Task<Dictionary<(string Group, DateTimeOffset Since), GroupIncident?>> FindAllAsync(
        IReadOnlyCollection<(string Group, DateTimeOffset Since)> groups, CancellationToken ct)
    {
        if (_findGroups is not null && groups.Count > 1)
        {
            return await _findGroups.FindAsync(groups, ct);
        }

        var found = new Dictionary<(string Group, DateTimeOffset Since), GroupIncident?>();
        foreach (var group in groups)
        {
            found[group] = await FindAsync(group.Group, group.Since, ct);
        }

        return found;
    }

    /// <summary>
    /// PostgreSQL only: bumps every incident joined (only if unchanged since found), writes their lines, inserts the new
    /// alerts with their keys back and an event each, all in one statement; false when an incident changed, and then it
    /// wrote nothing (so without <paramref name="tx"/> it commits on its own or not at all). Null on SQLite, where a
    /// statement costs no round trip and the caller writes each part itself.
    /// </summary>
    public Task<bool>? JoinAllAsync(
        DbTransaction? tx, IReadOnlyList<(GroupIncident Incident, DateTimeOffset? Impact)> incidents, IReadOnlyList<TimelineEntry> lines,
        IReadOnlyList<(Alert Alert, string? Summary)> alerts, DateTimeOffset now, string action, string outcome, CancellationToken ct) =>
        _joinAll?.WriteAsync((NpgsqlTransaction?)tx, incidents, lines, alerts, now, action, outcome, ct);

    /// <summary>The newest incident of <paramref name="groupKey"/> not yet resolved that heard an alert since <paramref name="since"/>.</summary>
    public async Task<GroupIncident?> FindAsync(string groupKey, DateTimeOffset since, CancellationToken ct)
    {
        _find.Transaction = null;
        _findGroup.Set(groupKey);
        _findSince.Set(since);
        await using var reader = await _find.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new GroupIncident(
            reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3),
            _incidents.Read<IncidentStatus>(reader, 4, "Status"),
            await reader.IsDBNullAsync(5, ct) ? null : _incidents.Read<DateTimeOffset>(reader, 5, "ImpactStartedAt"));
    }

    /// <summary>Records that alerts joined; false when the incident changed since it was found.</summary>
    public async Task<bool> JoinAsync(DbTransaction tx, GroupIncident incident, DateTimeOffset now, DateTimeOffset? impactStartedAt, CancellationToken ct)
    {
        _join.Transaction = tx;
        _joinId.Set(incident.Id);
        _joinRevision.Set(incident.Revision);
        _joinHeard.Set(now);
        _joinUpdated.Set(now);
        _joinImpact.Set(impactStartedAt);
        return await _join.ExecuteNonQueryAsync(ct) == 1;
    }
}

/// <summary>Each group's open incident, found for a whole batch by one statement on PostgreSQL.</summary>
internal sealed class PostgresGroups
{
    private readonly StoreColumns<Incident> _incidents;
    private readonly NpgsqlParameter<string[]> _groups = new("groups", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [] };
    private readonly NpgsqlParameter<DateTime[]> _sinces = new("sinces", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [] };

    /// <param name="keysFirst">A statement whose rows come before the groups', in the same round trip (its parameters are the caller's to add).</param>
    public PostgresGroups(NpgsqlConnection connection, StoreColumns<Incident> incidents, StoreParameter resolved, StoreParameter closed, string? keysFirst = null)
    {
        _incidents = incidents;
        Command = connection.CreateCommand();
        Command.CommandText = (keysFirst is null ? "" : $"{keysFirst};\n") + $"""
            SELECT g.n, i.{incidents["Id"]}, i.{incidents["Number"]}, i.{incidents["Slug"]}, i.{incidents["Revision"]}, i.{incidents["Status"]}, i.{incidents["ImpactStartedAt"]}
            FROM unnest(@groups, @sinces) WITH ORDINALITY AS g(key, since, n)
            CROSS JOIN LATERAL (
                SELECT * FROM {incidents.Table} x
                WHERE x.{incidents["AlertGroupKey"]} = g.key AND x.{incidents["Status"]} <> @resolved AND x.{incidents["Status"]} <> @closed
                  AND x.{incidents["LastAlertAt"]} >= g.since
                ORDER BY x.{incidents["Id"]} DESC
                LIMIT 1) i
            """;
        Command.Parameters.Add(_groups);
        Command.Parameters.Add(_sinces);
        Command.Parameters.Add(new NpgsqlParameter("resolved", resolved.Parameter.Value));
        Command.Parameters.Add(new NpgsqlParameter("closed", closed.Parameter.Value));
    }

    public NpgsqlCommand Command { get; }

    /// <summary>Each group's open incident, or null; <paramref name="readFirst"/> reads the rows of the statement before them, if any.</summary>
    public async Task<Dictionary<(string Group, DateTimeOffset Since), GroupIncident?>> FindAsync(
        IReadOnlyCollection<(string Group, DateTimeOffset Since)> groups, CancellationToken ct, Func<NpgsqlDataReader, Task>? readFirst = null)
    {
        var asked = groups.ToList();
        var found = asked.ToDictionary(g => g, _ => (GroupIncident?)null);
        Command.Transaction = null;
        _groups.TypedValue = [.. asked.Select(g => g.Group)];
        _sinces.TypedValue = [.. asked.Select(g => g.Since.UtcDateTime)];
        await using var reader = await Command.ExecuteReaderAsync(ct);
        if (readFirst is not null)
        {
            await readFirst(reader);
            await reader.NextResultAsync(ct);
        }

        while (await reader.ReadAsync(ct))
        {
            found[asked[(int)reader.GetInt64(0) - 1]] = new GroupIncident(
                reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4),
                _incidents.Read<IncidentStatus>(reader, 5, "Status"),
                await reader.IsDBNullAsync(6, ct) ? null : _incidents.Read<DateTimeOffset>(reader, 6, "ImpactStartedAt"));
        }

        return found;
    }
}

/// <summary>
/// Everything a batch of new alerts joining open incidents writes, as one statement on PostgreSQL: every round trip
/// inside the transaction is one the intake writer waits for while holding the batch.
/// </summary>
internal sealed class PostgresJoins
{
    private readonly RowInserter<Alert> _alerts;
    private readonly RowInserter<TimelineEntry> _lines;
    private readonly NpgsqlParameter<long[]> _incidentIds = new("incidentIds", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [] };
    private readonly NpgsqlParameter<int[]> _revisions = new("revisions", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [] };
    private readonly NpgsqlParameter<DateTime?[]> _impacts = new("impacts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [] };
    private readonly NpgsqlParameter<long[]> _eventIntegrations = new("eventIntegrations", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [] };
    private readonly NpgsqlParameter<string[]> _eventKeys = new("eventKeys", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [] };
    private readonly NpgsqlParameter<string?[]> _eventSummaries = new("eventSummaries", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [] };
    private readonly StoreParameter _heard, _at, _action, _outcome;

    public PostgresJoins(
        NpgsqlConnection connection, StoreColumns<Incident> incidents, StoreColumns<Alert> alertColumns, StoreColumns<AlertEvent> events,
        RowInserter<Alert> alerts, RowInserter<TimelineEntry> lines)
    {
        (_alerts, _lines) = (alerts, lines);
        var (id, integration, openKey) = (alertColumns["Id"], alertColumns["IntegrationId"], alertColumns["OpenKey"]);
        Command = connection.CreateCommand();
        // The revision check is EF's concurrency token by hand: an incident changed since it was found fails the whole
        // statement (ChangedSinceFound), so nothing is written, with or without a transaction. The new alerts are
        // matched to their events, and to the rows the caller holds, by integration and open key, unique among open
        // alerts; RETURNING's order is not promised.
        Command.CommandText = $$"""
            WITH told AS (
                UPDATE {{incidents.Table}} i
                SET {{incidents["LastAlertAt"]}} = @heard, {{incidents["UpdatedAt"]}} = @heard, {{incidents["ImpactStartedAt"]}} = t.impact,
                    {{incidents["Revision"]}} = i.{{incidents["Revision"]}} + 1
                FROM unnest(@incidentIds, @revisions, @impacts) AS t(id, revision, impact)
                WHERE i.{{incidents["Id"]}} = t.id AND i.{{incidents["Revision"]}} = t.revision
                RETURNING i.{{incidents["Id"]}}
            ), lined AS (
                {{lines.ArraysInsert("l", "1")}}
            ), added AS (
                {{alerts.ArraysInsert("a", $"{id}, {integration}, {openKey}")}}
            ), logged AS (
                INSERT INTO {{events.Table}} ({{events["AlertId"]}}, {{events["At"]}}, {{events["Action"]}}, {{events["Outcome"]}}, {{events["Summary"]}})
                SELECT added.{{id}}, @at, @action, @outcome, e.summary
                FROM added JOIN unnest(@eventIntegrations, @eventKeys, @eventSummaries) AS e(integration, key, summary)
                  ON added.{{integration}} = e.integration AND added.{{openKey}} = e.key
            )
            SELECT added.{{id}}, added.{{integration}}, added.{{openKey}},
                {{ChangedSinceFound.Unless("(SELECT count(*) FROM told) = cardinality(@incidentIds)", "(SELECT count(*) FROM told)")}}
            FROM added
            """;
        _heard = incidents.Parameter(Command, "heard", "LastAlertAt");
        _at = events.Parameter(Command, "at", "At");
        _action = events.Parameter(Command, "action", "Action");
        _outcome = events.Parameter(Command, "outcome", "Outcome");
        Command.Parameters.Add(_incidentIds);
        Command.Parameters.Add(_revisions);
        Command.Parameters.Add(_impacts);
        Command.Parameters.Add(_eventIntegrations);
        Command.Parameters.Add(_eventKeys);
        Command.Parameters.Add(_eventSummaries);
        // Every parameter present from the start, so the statement is prepared with the others when the connection opens.
        _lines.SetArrays(Command, "l", []);
        _alerts.SetArrays(Command, "a", []);
    }

    public NpgsqlCommand Command { get; }

    public async Task<bool> WriteAsync(
        NpgsqlTransaction? tx, IReadOnlyList<(GroupIncident Incident, DateTimeOffset? Impact)> incidents, IReadOnlyList<TimelineEntry> lines,
        IReadOnlyList<(Alert Alert, string? Summary)> alerts, DateTimeOffset now, string action, string outcome, CancellationToken ct)
    {
        Command.Transaction = tx;
        var byKey = Bind(incidents, lines, alerts, now, action, outcome);
        try
        {
            await using var reader = await Command.ExecuteReaderAsync(ct);
            return await ReadAsync(reader, byKey, incidents.Count, ct);
        }
        catch (PostgresException ex) when (ChangedSinceFound.Is(ex))
        {
            return false;
        }
    }

    /// <summary>Sets the statement's parameters; the new alerts by integration and key, to put their ids on when read.</summary>
    public Dictionary<(long, string), Alert> Bind(
        IReadOnlyList<(GroupIncident Incident, DateTimeOffset? Impact)> incidents, IReadOnlyList<TimelineEntry> lines,
        IReadOnlyList<(Alert Alert, string? Summary)> alerts, DateTimeOffset now, string action, string outcome)
    {
        _heard.Set(now);
        _at.Set(now);
        _action.Set(action);
        _outcome.Set(outcome);
        _incidentIds.TypedValue = [.. incidents.Select(i => i.Incident.Id)];
        _revisions.TypedValue = [.. incidents.Select(i => i.Incident.Revision)];
        _impacts.TypedValue = [.. incidents.Select(i => i.Impact?.UtcDateTime)];
        _eventIntegrations.TypedValue = [.. alerts.Select(a => a.Alert.IntegrationId)];
        _eventKeys.TypedValue = [.. alerts.Select(a => a.Alert.OpenKey!)];
        _eventSummaries.TypedValue = [.. alerts.Select(a => a.Summary)];
        _lines.SetArrays(Command, "l", lines);
        _alerts.SetArrays(Command, "a", [.. alerts.Select(a => a.Alert)]);
        return alerts.ToDictionary(a => (a.Alert.IntegrationId, a.Alert.OpenKey!), a => a.Alert);
    }

    /// <summary>Reads the new alerts' ids; false unless every incident and every alert was written.</summary>
    public static async Task<bool> ReadAsync(NpgsqlDataReader reader, Dictionary<(long, string), Alert> byKey, int incidents, CancellationToken ct)
    {
        long told = -1;
        var keyed = 0;
        while (await reader.ReadAsync(ct))
        {
            byKey[(reader.GetInt64(1), reader.GetString(2))].Id = reader.GetInt64(0);
            told = reader.GetInt64(3);
            keyed++;
        }

        return told == incidents && keyed == byKey.Count;
    }
}
