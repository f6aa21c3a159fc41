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
    /// Makes the item of <paramref name="kind"/> (for <paramref name="incidentId"/>) run again once this change commits,
    /// adding it when there is none. Use it for work that stands (one item per kind or per incident, rescheduling
    /// itself); its handler must say <see cref="IWorkHandler.Wakeable"/>.
    /// </summary>
    public static async Task WakeAsync(FirebreakDb db, string kind, DateTimeOffset now, CancellationToken ct, long? incidentId = null)
    {
        var tracked = Tracked(db, kind, incidentId);
        if (tracked == TrackedWork.Due)
        {
            return;
        }

        Wake(db, kind, now, incidentId, itemExists: tracked == TrackedWork.Waiting
            || await db.WorkItems.AnyAsync(w => w.Kind == kind && w.IncidentId == incidentId, ct));
    }

    /// <summary>
    /// As <see cref="WakeAsync"/> for an incident opened in this unit of work: nothing stored can name it yet, so what
    /// the change tracker holds is all there is and no query is needed (a storm opens hundreds in one batch). A new item
    /// is due at <paramref name="firstLook"/>, when its handler would first have something to do: one that runs at once
    /// only to say when to look again costs a commit beside the incident's first page.
    /// </summary>
    public static void WakeOpened(FirebreakDb db, string kind, DateTimeOffset now, long incidentId, DateTimeOffset firstLook)
    {
        switch (Tracked(db, kind, incidentId))
        {
            case TrackedWork.None:
                Add(db, kind, firstLook, now, incidentId: incidentId);
                break;
            case TrackedWork.Waiting:
                Wake(db, kind, now, incidentId, itemExists: true);
                break;
        }
    }

    private enum TrackedWork { None, Waiting, Due }

    // TrackedEntries rather than DbSet.Local: Local scans every tracked row for changes on each call, and a batch that
    // opens hundreds of incidents calls this once per incident.
    private static TrackedWork Tracked(FirebreakDb db, string kind, long? incidentId)
    {
        if (TrackedEntries.Of<WorkWake>(db).Any(k => k.State != EntityState.Deleted && k.Entity.Kind == kind && k.Entity.IncidentId == incidentId))
        {
            return TrackedWork.Due;
        }

        var items = TrackedEntries.Of<WorkItem>(db).Where(w => w.State != EntityState.Deleted && w.Entity.Kind == kind && w.Entity.IncidentId == incidentId).ToList();
        return items.Any(w => w.Entity.RunHere) ? TrackedWork.Due : items.Count > 0 ? TrackedWork.Waiting : TrackedWork.None;
    }

    private static void Wake(FirebreakDb db, string kind, DateTimeOffset now, long? incidentId, bool itemExists)
    {
        if (itemExists)
        {
            db.WorkWakes.Add(new WorkWake { Kind = kind, IncidentId = incidentId, CreatedAt = now });
        }
        else
        {
            Add(db, kind, now, now, incidentId: incidentId);
        }
    }

    /// <summary>
    /// Makes woken items that are not running due now. A running item keeps its wake, and its next claim after the run
    /// comes back here; wakes left by items that are gone are dropped (a later wake adds the item afresh).
    /// </summary>
    public static async Task ApplyWakesAsync(FirebreakDb db, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.WorkWakes.AnyAsync(ct))
        {
            return;
        }

        await db.WorkItems
            .Where(w => w.LeaseOwner == null && w.DueAt > now && db.Set<WorkWake>().Any(k => k.Kind == w.Kind && k.IncidentId == w.IncidentId))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.DueAt, now), ct);
        await db.WorkWakes.Where(k => !db.Set<WorkItem>().Any(w => w.Kind == k.Kind && w.IncidentId == k.IncidentId)).ExecuteDeleteAsync(ct);
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
