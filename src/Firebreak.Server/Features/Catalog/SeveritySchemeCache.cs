using Firebreak.Core.Severity;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Features.Catalog;

/// <summary>
/// The severity scheme, kept in memory: every new incident and every escalation look reads it. A save on this node
/// that touches severity levels or settings empties it (<see cref="SaveWatcher"/>); other nodes see a change within
/// <see cref="MaxAge"/>.
/// </summary>
public sealed class SeveritySchemeCache(TimeProvider clock)
    : SaveWatcher(db => TrackedEntries.AnyChanged<SeverityLevelRow>(db) || TrackedEntries.AnyChanged<Setting>(db))
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private volatile Entry? _entry;

    public async Task<SeverityScheme> GetAsync(Func<Task<SeverityScheme>> load)
    {
        var now = clock.GetUtcNow();
        if (_entry is { } entry && now - entry.LoadedAt < MaxAge && now >= entry.LoadedAt)
        {
            return entry.Scheme;
        }

        var generation = Generation;
        var scheme = await load();
        if (Generation == generation)
        {
            _entry = new Entry(scheme, now);
        }

        return scheme;
    }

    protected override void Drop() => _entry = null;

    private sealed record Entry(SeverityScheme Scheme, DateTimeOffset LoadedAt);
}
