using System.Collections.Concurrent;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Enabled integrations by key, kept in memory so an alert storm does not look its integration up once per request.
/// Any save on this node that touches an integration empties it (<see cref="SaveWatcher"/>); other nodes see changes within
/// <see cref="MaxAge"/>, so a disabled integration or a rotated key stops working everywhere within seconds.
/// </summary>
public sealed class IntegrationDirectory(TimeProvider clock) : SaveWatcher(TrackedEntries.AnyChanged<Integration>)
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

        var generation = Generation;
        var db = services.GetRequiredService<FirebreakDb>();
        var found = await db.Integrations.AsNoTracking().FirstOrDefaultAsync(i => i.Key == key && !i.Disabled, ct);
        // Unknown keys are not remembered: anyone can send them, and they must not fill memory.
        if (found is null)
        {
            _byKey.TryRemove(key, out _);
        }
        else if (Generation == generation)
        {
            _byKey[key] = new Entry(found, now);
        }

        return found;
    }

    protected override void Drop() => _byKey.Clear();

    private sealed record Entry(Integration Integration, DateTimeOffset LoadedAt);
}
