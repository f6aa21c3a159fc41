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

    public static bool Any<T>(DbContext context)
        where T : class => Of<T>(context).Count > 0;
}
