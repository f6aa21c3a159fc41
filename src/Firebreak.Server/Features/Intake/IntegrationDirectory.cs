using System.Collections.Concurrent;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Enabled integrations by key, kept in memory so an alert storm does not look its integration up once per request.
/// Any save on this node that touches an integration empties it at once; other nodes see changes within
/// <see cref="MaxAge"/>, so a disabled integration or a rotated key stops working everywhere within seconds.
/// </summary>
public sealed class IntegrationDirectory(TimeProvider clock) : SaveChangesInterceptor
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> _byKey = new(StringComparer.Ordinal);

    /// <summary>The enabled integration with this key; the database (from <paramref name="services"/>) is only asked on a miss.</summary>
    public async Task<Integration?> FindAsync(IServiceProvider services, string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_byKey.TryGetValue(key, out var entry) && now - entry.LoadedAt < MaxAge)
        {
            return entry.Integration;
        }

        var db = services.GetRequiredService<FirebreakDb>();
        var found = await db.Integrations.AsNoTracking().FirstOrDefaultAsync(i => i.Key == key && !i.Disabled, ct);
        // Unknown keys are not remembered: anyone can send them, and they must not fill memory.
        if (found is null)
        {
            _byKey.TryRemove(key, out _);
        }
        else
        {
            _byKey[key] = new Entry(found, now);
        }

        return found;
    }

    public void Forget() => _byKey.Clear();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ForgetIfIntegrationsSaved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ForgetIfIntegrationsSaved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void ForgetIfIntegrationsSaved(DbContext? context)
    {
        if (context is not null && TrackedEntries.Any<Integration>(context))
        {
            Forget();
        }
    }

    private sealed record Entry(Integration Integration, DateTimeOffset LoadedAt);
}
