using Firebreak.Core.Severity;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Firebreak.Server.Features.Catalog;

/// <summary>
/// The severity scheme, kept in memory: every new incident and every escalation look reads it. A save on this node
/// that touches severity levels or settings empties it at once; other nodes see a change within <see cref="MaxAge"/>.
/// </summary>
public sealed class SeveritySchemeCache(TimeProvider clock) : SaveChangesInterceptor
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

        var scheme = await load();
        _entry = new Entry(scheme, now);
        return scheme;
    }

    public void Forget() => _entry = null;

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ForgetIfSchemeSaved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ForgetIfSchemeSaved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget();

    private void ForgetIfSchemeSaved(DbContext? context)
    {
        if (context is not null && (TrackedEntries.Any<SeverityLevelRow>(context) || TrackedEntries.Any<Setting>(context)))
        {
            Forget();
        }
    }

    private sealed record Entry(SeverityScheme Scheme, DateTimeOffset LoadedAt);
}
