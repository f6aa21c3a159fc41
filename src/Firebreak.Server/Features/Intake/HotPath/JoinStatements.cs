using System.Data.Common;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

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
    }

    public RowInserter<Alert> Alerts { get; }

    public RowInserter<TimelineEntry> Lines { get; }

    public DbCommand[] Commands => [_find, _join];

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
