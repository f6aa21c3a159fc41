using Firebreak.Server.Features.Incidents;
using Npgsql;
using NpgsqlTypes;

namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>
/// PostgreSQL: a batch made only of repeats of open alerts, looked up, counted, told to their incidents and logged by one
/// statement that commits in its own round trip, instead of a lookup and then a write. A storm of repeats stays one, so
/// the writer tries this first while the last batch was all repeats; when a key has no open alert the statement fails
/// whole (or finds nothing), writes nothing, and the batch goes the usual way.
/// </summary>
internal sealed class PostgresRepeats
{
    private readonly NpgsqlParameter<long[]> _integrations = Array<long>("integrations", NpgsqlDbType.Bigint);
    private readonly NpgsqlParameter<string[]> _keys = Array<string>("keys", NpgsqlDbType.Text);
    private readonly NpgsqlParameter<int[]> _counts = Array<int>("counts", NpgsqlDbType.Integer);
    private readonly NpgsqlParameter<string?[]> _summaries = Array<string?>("summaries", NpgsqlDbType.Text);
    private readonly NpgsqlParameter<long[]> _eventIntegrations = Array<long>("eventIntegrations", NpgsqlDbType.Bigint);
    private readonly NpgsqlParameter<string[]> _eventKeys = Array<string>("eventKeys", NpgsqlDbType.Text);
    private readonly NpgsqlParameter<string?[]> _eventSummaries = Array<string?>("eventSummaries", NpgsqlDbType.Text);
    private readonly StoreParameter _seen, _heard, _at, _action, _outcome;

    public PostgresRepeats(NpgsqlConnection connection, StoreColumns<Alert> alerts, StoreColumns<Incident> incidents, StoreColumns<AlertEvent> events)
    {
        var (id, integration, openKey, incident) = (alerts["Id"], alerts["IntegrationId"], alerts["OpenKey"], alerts["IncidentId"]);
        Command = connection.CreateCommand();
        // Each key looked up on its own by the unique index (OFFSET 0: see RepeatStatements' lookup). The open-key
        // condition in the UPDATE makes an alert resolved since the snapshot count as not open.
        Command.CommandText = $$"""
            WITH open AS (
                SELECT f.id, r.repeats, r.summary
                FROM unnest(@integrations, @keys, @counts, @summaries) AS r(integration, key, repeats, summary)
                CROSS JOIN LATERAL (
                    SELECT x.{{id}} AS id FROM {{alerts.Table}} x WHERE x.{{integration}} = r.integration AND x.{{openKey}} = r.key OFFSET 0) f
            ), counted AS (
                UPDATE {{alerts.Table}} a
                SET {{alerts["LastSeenAt"]}} = @seen, {{alerts["Occurrences"]}} = a.{{alerts["Occurrences"]}} + o.repeats,
                    {{alerts["Summary"]}} = COALESCE(o.summary, a.{{alerts["Summary"]}})
                FROM open o
                WHERE a.{{id}} = o.id AND a.{{openKey}} IS NOT NULL
                RETURNING a.{{id}}, a.{{incident}}, a.{{integration}}, a.{{openKey}}
            ), told AS (
                UPDATE {{incidents.Table}} i SET {{incidents["LastAlertAt"]}} = @heard
                WHERE i.{{incidents["Id"]}} IN (SELECT {{incident}} FROM counted)
            ), logged AS (
                INSERT INTO {{events.Table}} ({{events["AlertId"]}}, {{events["At"]}}, {{events["Action"]}}, {{events["Outcome"]}}, {{events["Summary"]}})
                SELECT c.{{id}}, @at, @action, @outcome, e.summary
                FROM unnest(@eventIntegrations, @eventKeys, @eventSummaries) AS e(integration, key, summary)
                JOIN counted c ON c.{{integration}} = e.integration AND c.{{openKey}} = e.key
            )
            SELECT c.{{id}}, c.{{incident}}, i.{{incidents["Number"]}}, c.{{integration}}, c.{{openKey}},
                {{ChangedSinceFound.Unless("(SELECT count(*) FROM counted) = cardinality(@keys)", "(SELECT count(*) FROM counted)")}}
            FROM counted c LEFT JOIN {{incidents.Table}} i ON i.{{incidents["Id"]}} = c.{{incident}}
            """;
        _seen = alerts.Parameter(Command, "seen", "LastSeenAt");
        _heard = incidents.Parameter(Command, "heard", "LastAlertAt");
        _at = events.Parameter(Command, "at", "At");
        _action = events.Parameter(Command, "action", "Action");
        _outcome = events.Parameter(Command, "outcome", "Outcome");
        Command.Parameters.AddRange(new NpgsqlParameter[] { _integrations, _keys, _counts, _summaries, _eventIntegrations, _eventKeys, _eventSummaries });
    }

    public NpgsqlCommand Command { get; }

    /// <summary>
    /// Every signal's open alert, each counted and logged and committed; or null when any key had none, and then nothing
    /// was written.
    /// </summary>
    public async Task<Dictionary<(long Integration, string Key), OpenAlert>?> TryWriteAsync(
        IReadOnlyList<IntakeWork> batch, DateTimeOffset now, string action, CancellationToken ct)
    {
        var repeats = new Dictionary<(long Integration, string Key), (int Count, string? Summary)>();
        var events = new List<(long Integration, string Key, string? Summary)>();
        foreach (var work in batch)
        {
            foreach (var signal in work.Signals)
            {
                var key = (work.Integration.Id, signal.DedupKey!);
                var (count, summary) = repeats.GetValueOrDefault(key);
                repeats[key] = (count + 1, signal.Summary ?? summary);
                events.Add((work.Integration.Id, signal.DedupKey!, signal.Summary));
            }
        }

        Command.Transaction = null;
        _seen.Set(now);
        _heard.Set(now);
        _at.Set(now);
        _action.Set(action);
        _outcome.Set(IntakeOutcome.Appended);
        _integrations.TypedValue = [.. repeats.Keys.Select(k => k.Integration)];
        _keys.TypedValue = [.. repeats.Keys.Select(k => k.Key)];
        _counts.TypedValue = [.. repeats.Values.Select(v => v.Count)];
        _summaries.TypedValue = [.. repeats.Values.Select(v => v.Summary)];
        _eventIntegrations.TypedValue = [.. events.Select(e => e.Integration)];
        _eventKeys.TypedValue = [.. events.Select(e => e.Key)];
        _eventSummaries.TypedValue = [.. events.Select(e => e.Summary)];
        var found = new Dictionary<(long Integration, string Key), OpenAlert>(repeats.Count);
        try
        {
            await using var reader = await Command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var incident = await reader.IsDBNullAsync(1, ct) ? (long?)null : reader.GetInt64(1);
                var number = await reader.IsDBNullAsync(2, ct) ? (int?)null : reader.GetInt32(2);
                found[(reader.GetInt64(3), reader.GetString(4))] = new OpenAlert(reader.GetInt64(0), incident, number);
            }
        }
        catch (PostgresException ex) when (ChangedSinceFound.Is(ex))
        {
            return null;
        }

        // None found is no error to the statement (no row to check), and nothing was written.
        return found.Count == repeats.Count ? found : null;
    }

    private static NpgsqlParameter<T[]> Array<T>(string name, NpgsqlDbType element) =>
        new(name, NpgsqlDbType.Array | element) { TypedValue = [] };
}
