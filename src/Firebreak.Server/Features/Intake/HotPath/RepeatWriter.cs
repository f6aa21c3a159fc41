using System.Data.Common;
using Firebreak.Core.Intake;

namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>
/// An alert storm is mostly the same alerts again. A batch in which every signal re-triggers an alert that is already
/// open is written here, with prepared statements on one connection that stays open: each alert is updated once
/// however often it repeats (count, last seen, summary), every repeat keeps its event row, and the incident it feeds
/// learns when it last heard — what <see cref="IntakeBatch"/> does for a repeat, without a DbContext, change tracking
/// or a query per batch to find the alerts. Anything else (a new alert, an acknowledgement, a resolve) returns null
/// and goes to <see cref="IntakeBatch"/>, which owns those rules. Used only by the single intake writer.
/// </summary>
public sealed class RepeatWriter(IServiceScopeFactory scopes, ILogger<RepeatWriter> log) : IAsyncDisposable
{
    private static readonly string s_trigger = AlertAction.Trigger.ToWire();

    private RepeatStatements? _statements;
    private long _written;

    /// <summary>Batches written here since start, to tell which path a batch took.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>
    /// Each request's results once committed; or, when the batch is not all repeats (nothing written), the keys it found
    /// not open, so the full path need not look for them again.
    /// </summary>
    public async Task<(List<IReadOnlyList<IntakeResult>>? Results, KeysNotOpen NotOpen)> TryWriteAsync(IReadOnlyList<IntakeWork> batch, DateTimeOffset now)
    {
        if (!batch.All(w => w.Signals.All(s => s.Action == AlertAction.Trigger && s.DedupKey is not null && s.Test is null)))
        {
            return (null, KeysNotOpen.None);
        }

        try
        {
            _statements ??= await RepeatStatements.OpenAsync(scopes, CancellationToken.None);
            var written = await WriteAsync(_statements, batch, now);
            if (written.Results is not null)
            {
                Interlocked.Increment(ref _written);
            }

            return written;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The connection may be broken: start a new one next time. IntakeBatch writes this batch and reports what is
            // wrong. A commit that failed after reaching the disk would count these repeats twice, which is harmless.
            log.LogWarning(ex, "The repeat path failed; the batch goes through the full intake path");
            await ResetAsync();
            return (null, KeysNotOpen.None);
        }
    }

    private static async Task<(List<IReadOnlyList<IntakeResult>>? Results, KeysNotOpen NotOpen)> WriteAsync(
        RepeatStatements sql, IReadOnlyList<IntakeWork> batch, DateTimeOffset now)
    {
        // Found before the transaction, so a batch of new alerts costs one lookup and never takes the write lock.
        var found = new Dictionary<(long Integration, string Key), OpenAlert>();
        var notOpen = new Dictionary<long, HashSet<string>>();
        foreach (var perIntegration in batch.GroupBy(w => w.Integration.Id))
        {
            var keys = perIntegration.SelectMany(w => w.Signals).Select(s => s.DedupKey!).ToHashSet(StringComparer.Ordinal);
            var open = await sql.FindAsync(perIntegration.Key, keys, CancellationToken.None);
            if (open.Count < keys.Count)
            {
                notOpen[perIntegration.Key] = keys.Where(k => !open.ContainsKey(k)).ToHashSet(StringComparer.Ordinal);
            }

            foreach (var (key, alert) in open)
            {
                found[(perIntegration.Key, key)] = alert;
            }
        }

        if (notOpen.Count > 0)
        {
            return (null, new KeysNotOpen(notOpen));
        }

        var repeats = new Dictionary<long, (int Count, string? Summary)>();
        var events = new List<(long Alert, string? Summary)>();
        var results = new List<IReadOnlyList<IntakeResult>>(batch.Count);
        foreach (var work in batch)
        {
            var told = new List<IntakeResult>(work.Signals.Count);
            foreach (var signal in work.Signals)
            {
                var alert = found[(work.Integration.Id, signal.DedupKey!)];
                var (count, summary) = repeats.GetValueOrDefault(alert.Id);
                repeats[alert.Id] = (count + 1, signal.Summary ?? summary);
                events.Add((alert.Id, signal.Summary));
                told.Add(new IntakeResult(signal.DedupKey!, IntakeOutcome.Appended, alert.Id, alert.IncidentNumber));
            }

            results.Add(told);
        }

        await using var tx = await sql.BeginAsync(CancellationToken.None);
        foreach (var (id, (count, summary)) in repeats)
        {
            if (!await sql.TouchAlertAsync(tx, id, now, count, summary, CancellationToken.None))
            {
                await tx.RollbackAsync();
                return (null, KeysNotOpen.None);
            }
        }

        foreach (var incident in found.Values.Select(a => a.IncidentId).OfType<long>().Distinct())
        {
            await sql.TouchIncidentAsync(tx, incident, now, CancellationToken.None);
        }

        await sql.InsertEventsAsync(tx, now, s_trigger, IntakeOutcome.Appended, events, CancellationToken.None);
        await tx.CommitAsync();
        return (results, KeysNotOpen.None);
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
                log.LogDebug(ex, "Closing the repeat path's broken connection failed");
            }
        }
    }

    public ValueTask DisposeAsync() => _statements?.DisposeAsync() ?? ValueTask.CompletedTask;
}
