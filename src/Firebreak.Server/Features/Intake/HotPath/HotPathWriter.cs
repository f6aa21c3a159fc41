using System.Data.Common;
using Firebreak.Core.Incidents;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Incidents;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>
/// An alert storm is mostly the same alerts again, and new alerts of a group whose incident is already open. A batch
/// made only of those is written here, with prepared statements on one connection that stays open: each repeated
/// alert is updated once however often it repeats (count, last seen, summary), a new alert is inserted into its
/// group's incident with the "alert joined" line, and every signal keeps its event row — what <see cref="IntakeBatch"/>
/// does for them, without a DbContext, change tracking or a query per batch to find the alerts. Anything else (an
/// incident to open, a re-fire, a maintenance hold, an acknowledgement, a resolve) returns null and goes to
/// <see cref="IntakeBatch"/>, which owns those rules. Used only by the single intake writer.
/// </summary>
public sealed class HotPathWriter(IServiceScopeFactory scopes, HotPathMemory memory, ILogger<HotPathWriter> log) : IAsyncDisposable
{
    private static readonly string s_trigger = AlertAction.Trigger.ToWire();

    private RepeatStatements? _statements;
    private long _written;

    /// <summary>Batches written here since start, to tell which path a batch took.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>
    /// Each request's results and the incidents changed, once committed; or, when the batch needs the full path
    /// (nothing written), the keys it found not open, so the full path need not look for them again.
    /// </summary>
    public async Task<HotPathOutcome> TryWriteAsync(IReadOnlyList<IntakeWork> batch, DateTimeOffset now)
    {
        if (!batch.All(w => w.Signals.All(s => s.Action == AlertAction.Trigger && s.DedupKey is not null && s.Test is null)))
        {
            return HotPathOutcome.FullPath(KeysNotOpen.None);
        }

        try
        {
            _statements ??= await RepeatStatements.OpenAsync(scopes, CancellationToken.None);
            // Only PostgreSQL gains from what earlier batches learnt: on SQLite a lookup costs no round trip.
            var learnt = _statements.WritesAlone ? memory.Now(now) : null;
            var written = await WriteAsync(_statements, batch, now, learnt);
            if (written is null)
            {
                // Something learnt was wrong and nothing was written: look everything up, and presume nothing new for a while.
                memory.Forget();
                var relearnt = memory.Now(now);
                relearnt.PresumeNew = false;
                written = await WriteAsync(_statements, batch, now, relearnt) ?? HotPathOutcome.FullPath(KeysNotOpen.None);
            }

            if (written.Results is not null)
            {
                Interlocked.Increment(ref _written);
            }

            return written;
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
        {
            // The connection may be broken: start a new one next time. IntakeBatch writes this batch and reports what is
            // wrong. A commit that failed after reaching the disk would count these repeats twice, which is harmless.
            log.LogWarning(ex, "The intake hot path failed; the batch goes through the full intake path");
            await ResetAsync();
            return HotPathOutcome.FullPath(KeysNotOpen.None);
        }
    }

    private static async Task<HotPathOutcome?> WriteAsync(RepeatStatements sql, IReadOnlyList<IntakeWork> batch, DateTimeOffset now, HotPathMemory.Learnt? learnt)
    {
        var planner = new JoinPlanner(sql.Joins, sql.Services, now, learnt);
        var (found, notOpen, presumed) = await FindAsync(sql, planner, batch, learnt);
        var joins = notOpen.Count == 0 ? [] : await PlanJoinsAsync(planner, batch, notOpen);
        if (joins is null)
        {
            // Keys presumed new were not looked up, so the full path must look for them itself.
            return HotPathOutcome.FullPath(presumed ? KeysNotOpen.None : new KeysNotOpen(notOpen, planner.GroupsWithoutIncident()));
        }

        var repeats = new Dictionary<long, (int Count, string? Summary, long? Incident)>();
        var events = new List<(long Alert, string? Summary)>();
        var told = new List<List<Func<IntakeResult>>>(batch.Count);
        foreach (var work in batch)
        {
            var results = new List<Func<IntakeResult>>(work.Signals.Count);
            foreach (var signal in work.Signals)
            {
                var key = signal.DedupKey!;
                if (joins.TryGetValue((work.Integration.Id, key), out var join))
                {
                    results.Add(() => new IntakeResult(key, IntakeOutcome.Created, join.Alert.Id, join.Incident.Number));
                    continue;
                }

                var alert = found[(work.Integration.Id, key)];
                var (count, summary, _) = repeats.GetValueOrDefault(alert.Id);
                repeats[alert.Id] = (count + 1, signal.Summary ?? summary, alert.IncidentId);
                events.Add((alert.Id, signal.Summary));
                var result = new IntakeResult(key, IntakeOutcome.Appended, alert.Id, alert.IncidentNumber);
                results.Add(() => result);
            }

            told.Add(results);
        }

        var incidents = found.Values.Select(a => a.IncidentId).OfType<long>().Distinct().ToList();
        if (sql.WritesAlone && repeats.Count > 0 && joins.Count > 0)
        {
            return await WriteTogetherAsync(sql, now, learnt, presumed, found, joins, repeats, incidents, events, told);
        }

        // A batch of only repeats, or only new alerts joining, is one statement on PostgreSQL: run alone, it commits in
        // its own round trip, where BEGIN and COMMIT would cost one more while the whole batch waits.
        await using var tx = sql.WritesAlone ? null : await sql.BeginAsync(CancellationToken.None);
        if (!await sql.RepeatAsync(tx, now, s_trigger, repeats, incidents, events, CancellationToken.None))
        {
            await RollbackAsync(tx);
            return Refused(learnt);
        }

        List<GroupIncident>? joined;
        try
        {
            joined = await WriteJoinsAsync(sql, tx, [.. joins.Values], now);
        }
        catch (PostgresException ex) when (presumed && ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A key presumed new was open after all (opened by the full path, or before this node last learnt it).
            await RollbackAsync(tx);
            return null;
        }

        if (joined is null)
        {
            await RollbackAsync(tx);
            return Refused(learnt);
        }

        if (tx is not null)
        {
            await tx.CommitAsync();
        }

        return Done(learnt, found, joins, joined, told, now);
    }

    private static HotPathOutcome Done(
        HotPathMemory.Learnt? learnt, Dictionary<(long Integration, string Key), OpenAlert> found, Dictionary<(long Integration, string Key), NewJoin> joins,
        List<GroupIncident> joined, List<List<Func<IntakeResult>>> told, DateTimeOffset now)
    {
        learnt?.Remember(found, joins, joined, now);
        var changes = joined.Select(i => new IncidentChanged(i.Id, i.Slug, i.Revision)).ToList();
        return new HotPathOutcome([.. told.Select(r => (IReadOnlyList<IntakeResult>)[.. r.Select(f => f())])], changes, KeysNotOpen.None);
    }

    /// <summary>
    /// PostgreSQL: a batch of repeats and of new alerts joining, both statements in one round trip and one implicit
    /// transaction, where BEGIN, the two statements and COMMIT took three. Alertmanager sends a group's firing alerts
    /// again with each new one, so a storm's new alerts mostly come with repeats.
    /// </summary>
    private static async Task<HotPathOutcome?> WriteTogetherAsync(
        RepeatStatements sql, DateTimeOffset now, HotPathMemory.Learnt? learnt, bool presumed,
        Dictionary<(long Integration, string Key), OpenAlert> found, Dictionary<(long Integration, string Key), NewJoin> joins,
        Dictionary<long, (int Count, string? Summary, long? Incident)> repeats, List<long> incidents, List<(long Alert, string? Summary)> events,
        List<List<Func<IntakeResult>>> told)
    {
        var (joined, lines) = JoinedIncidents([.. joins.Values], now);
        bool written;
        try
        {
            written = await sql.RepeatAndJoinAsync(now, s_trigger, repeats, incidents, events, joined, lines,
                [.. joins.Values.Select(j => (j.Alert, j.Signal.Summary))], IntakeOutcome.Created, CancellationToken.None);
        }
        catch (PostgresException ex) when (presumed && ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }

        if (!written)
        {
            return Refused(learnt);
        }

        return Done(learnt, found, joins, AsJoined(joined), told, now);
    }

    /// <summary>
    /// The open alert of each key of the batch, and the keys with none. Keys learnt from earlier batches need no lookup;
    /// a key not learnt is presumed new, unlooked, when its group's incident was learnt: the join statement then refuses
    /// if it is open after all (and <c>presumed</c> says so).
    /// </summary>
    private static async Task<(Dictionary<(long Integration, string Key), OpenAlert> Found, Dictionary<long, HashSet<string>> NotOpen, bool Presumed)> FindAsync(
        RepeatStatements sql, JoinPlanner planner, IReadOnlyList<IntakeWork> batch, HotPathMemory.Learnt? learnt)
    {
        // Found before the transaction, so a batch that needs the full path costs lookups only and never takes the write lock.
        var found = new Dictionary<(long Integration, string Key), OpenAlert>();
        var notOpen = new Dictionary<long, HashSet<string>>();
        var presumed = false;
        foreach (var perIntegration in batch.GroupBy(w => w.Integration.Id))
        {
            var integration = perIntegration.Key;
            var lookUp = new HashSet<string>(StringComparer.Ordinal);
            var presumedNew = new HashSet<string>(StringComparer.Ordinal);
            foreach (var work in perIntegration)
            {
                foreach (var signal in work.Signals)
                {
                    var key = signal.DedupKey!;
                    if (learnt is not null && learnt.Alerts.TryGetValue((integration, key), out var known))
                    {
                        found[(integration, key)] = known;
                    }
                    else if (learnt is { PresumeNew: true } && !lookUp.Contains(key) && await planner.JoinsKnownGroupAsync(work, signal, CancellationToken.None))
                    {
                        presumedNew.Add(key);
                    }
                    else
                    {
                        lookUp.Add(key);
                    }
                }
            }

            presumedNew.ExceptWith(lookUp);
            var open = await LookUpAsync(sql, planner, perIntegration, lookUp);
            foreach (var (key, alert) in open)
            {
                found[(integration, key)] = alert;
            }

            lookUp.ExceptWith(open.Keys);
            lookUp.UnionWith(presumedNew);
            if (lookUp.Count > 0)
            {
                notOpen[integration] = lookUp;
            }

            presumed |= presumedNew.Count > 0;
        }

        return (found, notOpen, presumed);
    }

    private static Task RollbackAsync(DbTransaction? tx) => tx?.RollbackAsync() ?? Task.CompletedTask;

    /// <summary>
    /// The open alerts of <paramref name="keys"/>; on PostgreSQL, the groups their alerts would join if new are looked
    /// up in the same round trip, since a key not open needs its group next.
    /// </summary>
    private static async Task<Dictionary<string, OpenAlert>> LookUpAsync(RepeatStatements sql, JoinPlanner planner, IEnumerable<IntakeWork> works, HashSet<string> keys)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var groups = sql.FindsKeysWithGroups ? await planner.GroupsOfAsync(works, keys, CancellationToken.None) : [];
        if (groups.Count == 0)
        {
            return await sql.FindAsync(works.First().Integration.Id, keys, CancellationToken.None);
        }

        var (open, incidents) = await sql.FindWithGroupsAsync(works.First().Integration.Id, keys, groups, CancellationToken.None);
        planner.Know(incidents);
        return open;
    }

    /// <summary>The new alerts of the batch, each joining its group's open incident; null when any needs the full path.</summary>
    private static async Task<Dictionary<(long Integration, string Key), NewJoin>?> PlanJoinsAsync(
        JoinPlanner planner, IReadOnlyList<IntakeWork> batch, Dictionary<long, HashSet<string>> notOpen)
    {
        var routed = new Dictionary<(long Integration, string Key), RoutedAlert>();
        foreach (var work in batch)
        {
            foreach (var signal in work.Signals)
            {
                var key = (Integration: work.Integration.Id, Key: signal.DedupKey!);
                if (!notOpen.TryGetValue(key.Integration, out var keys) || !keys.Contains(key.Key))
                {
                    continue;
                }

                // A new alert repeated within the batch is left to the full path, which opens it and counts the rest.
                if (routed.ContainsKey(key) || await planner.RouteAsync(work, signal, CancellationToken.None) is not { } route)
                {
                    return null;
                }

                routed[key] = route;
            }
        }

        await planner.FindGroupsAsync(routed.Values, CancellationToken.None);
        var joins = new Dictionary<(long Integration, string Key), NewJoin>();
        foreach (var (key, route) in routed)
        {
            if (planner.Join(route) is not { } join)
            {
                return null;
            }

            joins[key] = join;
        }

        return joins;
    }

    /// <summary>
    /// Inserts the new alerts and their events, bumps each incident they join and writes its "alert joined" line, as
    /// <see cref="IntakeBatch"/> would; the incidents as they now are, or null when one changed since it was found.
    /// </summary>
    private static async Task<List<GroupIncident>?> WriteJoinsAsync(RepeatStatements sql, DbTransaction? tx, IReadOnlyList<NewJoin> joins, DateTimeOffset now)
    {
        if (joins.Count == 0)
        {
            return [];
        }

        var (incidents, lines) = JoinedIncidents(joins, now);
        var joined = AsJoined(incidents);
        if (sql.Joins.JoinAllAsync(tx, incidents, lines, [.. joins.Select(j => (j.Alert, j.Signal.Summary))], now, s_trigger, IntakeOutcome.Created, CancellationToken.None) is { } all)
        {
            return await all ? joined : null;
        }

        // On SQLite every part is a statement of its own, so the batch is always in a transaction.
        ArgumentNullException.ThrowIfNull(tx);

        foreach (var (incident, impact) in incidents)
        {
            if (!await sql.Joins.JoinAsync(tx, incident, now, impact, CancellationToken.None))
            {
                return null;
            }
        }

        await sql.Joins.Alerts.InsertAsync(sql.Connection, tx, [.. joins.Select(j => j.Alert)], CancellationToken.None);
        await sql.InsertEventsAsync(tx, now, s_trigger, IntakeOutcome.Created, [.. joins.Select(j => (j.Alert.Id, j.Signal.Summary))], CancellationToken.None);
        await sql.Joins.Lines.InsertAsync(sql.Connection, tx, lines, CancellationToken.None);
        return joined;
    }

    /// <summary>The incidents as the join statement leaves them: one revision on, the impact start moved.</summary>
    private static List<GroupIncident> AsJoined(IEnumerable<(GroupIncident Incident, DateTimeOffset? Impact)> incidents) =>
        [.. incidents.Select(i => i.Incident with { Revision = i.Incident.Revision + 1, ImpactStartedAt = i.Impact })];

    /// <summary>
    /// A statement refused because a row changed since it was found: with nothing remembered, the full path takes the
    /// batch; otherwise null, and the batch is looked up again (what was remembered may be what changed).
    /// </summary>
    private static HotPathOutcome? Refused(HotPathMemory.Learnt? learnt) => learnt is null ? HotPathOutcome.FullPath(KeysNotOpen.None) : null;

    /// <summary>Each incident joined with its impact start as the new alerts move it, and its "alert joined" line.</summary>
    private static (List<(GroupIncident Incident, DateTimeOffset? Impact)> Incidents, List<TimelineEntry> Lines) JoinedIncidents(IReadOnlyList<NewJoin> joins, DateTimeOffset now)
    {
        var lines = new List<TimelineEntry>();
        var incidents = new List<(GroupIncident Incident, DateTimeOffset? Impact)>();
        foreach (var perIncident in joins.GroupBy(j => j.Incident))
        {
            var incident = perIncident.Key;
            incidents.Add((incident, perIncident.Aggregate(incident.ImpactStartedAt, (at, j) => AlertRows.EarliestImpact(at, j.Signal, now))));
            var text = AlertRows.JoinedLine([.. perIncident.Select(j => AlertRows.Joined(j.Signal, why: null))]);
            lines.Add(IncidentFactory.Entry(perIncident.First().Actor, now, TimelineKind.AlertJoined, text, incident.Id));
        }

        return (incidents, lines);
    }

    private async Task ResetAsync()
    {
        var statements = _statements;
        _statements = null;
        if (statements is not null)
        {
            try
            {
                await statements.DisposeAsync();
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                log.LogDebug(ex, "Closing the hot path's broken connection failed");
            }
        }
    }

    public ValueTask DisposeAsync() => _statements?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>What the hot path did with a batch: wrote it (results per request, incidents changed), or left it to the full path.</summary>
public sealed record HotPathOutcome(List<IReadOnlyList<IntakeResult>>? Results, List<IncidentChanged> Changes, KeysNotOpen NotOpen)
{
    public static HotPathOutcome FullPath(KeysNotOpen notOpen) => new(null, [], notOpen);
}
