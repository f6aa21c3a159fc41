using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Firebreak.Server.Storage;

/// <summary>
/// Tracked entries of one type without the full change scan <c>ChangeTracker.Entries</c> starts: interceptors look at
/// every save, and a scan there would walk every tracked row again (thousands in an intake batch).
/// </summary>
public static class TrackedEntries
{
    public static List<EntityEntry<T>> Of<T>(DbContext context)
        where T : class
    {
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. tracker.Entries<T>()];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Whether the save adds, changes or deletes a <typeparamref name="T"/>. A row merely read (an incident loaded with
    /// its service) does not count. Interceptors run before the save's own change scan, so each entry of this type
    /// is scanned here.
    /// </summary>
    public static bool AnyChanged<T>(DbContext context)
        where T : class => Of<T>(context).Exists(entry =>
        {
            entry.DetectChanges();
            return entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;
        });
}
