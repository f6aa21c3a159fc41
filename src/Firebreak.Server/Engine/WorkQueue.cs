using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Firebreak.Server.Engine;

/// <summary>Adds work and claims due work. Adding never saves: the item commits with the change that caused it.</summary>
public static class WorkQueue
{
    private static readonly DateTimeOffsetToBinaryConverter Binary = new();

    public static WorkItem Add(FirebreakDb db, string kind, DateTimeOffset due, DateTimeOffset now, string payload = "", Incident? incident = null, long? incidentId = null)
    {
        var item = new WorkItem
        {
            Kind = kind,
            DueAt = due,
            CreatedAt = now,
            Payload = payload,
            Incident = incident,
            IncidentId = incident?.Id is > 0 ? incident.Id : incidentId,
            RunHere = due <= now,
        };
        db.WorkItems.Add(item);
        return item;
    }

    /// <summary>
    /// Leases up to <paramref name="max"/> due items to <paramref name="owner"/> and returns their ids, oldest first.
    /// PostgreSQL skips rows another node is claiming at the same moment; SQLite has one writer, so one statement is
    /// enough there. A read comes first so that an idle queue, the common case, never takes the write lock.
    /// </summary>
    public static async Task<IReadOnlyList<long>> ClaimAsync(FirebreakDb db, string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        if (!await db.WorkItems.AnyAsync(w => w.DueAt <= now && (w.LeaseUntil == null || w.LeaseUntil < now), ct))
        {
            return [];
        }

        var until = now + lease;
        var ids = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<long>($"""
                UPDATE work_items SET "LeaseOwner" = {owner}, "LeaseUntil" = {until}
                WHERE "Id" IN (SELECT "Id" FROM work_items
                               WHERE "DueAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                               ORDER BY "DueAt" LIMIT {max} FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct)
            : await db.Database.SqlQuery<long>($"""
                UPDATE work_items SET "LeaseOwner" = {owner}, "LeaseUntil" = {Stored(until)}
                WHERE "Id" IN (SELECT "Id" FROM work_items
                               WHERE "DueAt" <= {Stored(now)} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {Stored(now)})
                               ORDER BY "DueAt" LIMIT {max})
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
        ids.Sort();
        return ids;
    }

    /// <summary>When the runner should look again: the earliest due item or expiring lease.</summary>
    public static async Task<DateTimeOffset?> NextWakeAsync(FirebreakDb db, CancellationToken ct)
    {
        var due = await db.WorkItems.Where(w => w.LeaseUntil == null).OrderBy(w => w.DueAt).Select(w => (DateTimeOffset?)w.DueAt).FirstOrDefaultAsync(ct);
        var lease = await db.WorkItems.Where(w => w.LeaseUntil != null).OrderBy(w => w.LeaseUntil).Select(w => w.LeaseUntil).FirstOrDefaultAsync(ct);
        return due is { } d && lease is { } l ? (d < l ? d : l) : due ?? lease;
    }

    // The SQLite model stores instants in DateTimeOffset's binary form (see SqliteFirebreakDb); raw SQL must match it.
    private static long Stored(DateTimeOffset at) => (long)Binary.ConvertToProvider(at)!;
}
