using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Engine;

/// <summary>Adds work and claims due work. Adding never saves: the item commits with the change that caused it.</summary>
public static class WorkQueue
{
    public static WorkItem Add(FirebreakDb db, string kind, DateTimeOffset due, DateTimeOffset now, string payload = "", long? incidentId = null)
    {
        var item = new WorkItem
        {
            Kind = kind,
            DueAt = due,
            CreatedAt = now,
            Payload = payload,
            IncidentId = incidentId,
            RunHere = due <= now,
        };
        db.WorkItems.Add(item);
        return item;
    }

    /// <summary>
    /// Leases up to <paramref name="max"/> due items to <paramref name="owner"/> and returns their ids, oldest first.
    /// A read comes first so that an idle queue, the common case, never takes the write lock.
    /// </summary>
    public static async Task<IReadOnlyList<long>> ClaimAsync(FirebreakDb db, string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        if (!await db.WorkItems.AnyAsync(w => w.DueAt <= now && (w.LeaseUntil == null || w.LeaseUntil < now), ct))
        {
            return [];
        }

        var ids = await WorkClaims.LeaseDueAsync(db, owner, now, now + lease, max, ct);
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
}
