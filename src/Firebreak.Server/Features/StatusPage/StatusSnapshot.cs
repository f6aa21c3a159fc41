namespace Firebreak.Server.Features.StatusPage;

/// <summary>
/// The public page and its JSON, rendered when something on them changes and served from memory, so readers arriving
/// in thousands during an outage never reach the database. A change on this node re-renders at once; a change made on
/// another node shows once this node's copy is older than <see cref="StatusPageOptions.Refresh"/> (re-rendered in the
/// background while the older copy is still served).
/// </summary>
public sealed class StatusSnapshot(IServiceScopeFactory scopes, TimeProvider clock, StatusPageOptions options, ILogger<StatusSnapshot> log) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StatusDocuments? _current;
    private long _requested;
    private long _built;
    private int _refreshing;

    public async ValueTask<StatusDocuments> CurrentAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref _current);
        // A maintenance window starting or ending changes the page with no write to announce it: render before answering.
        if (current is null || current.ValidUntil <= clock.GetUtcNow())
        {
            await RenderAsync(ct);
            return Volatile.Read(ref _current)!;
        }

        if (clock.GetUtcNow() - current.BuiltAt >= options.Refresh && Interlocked.Exchange(ref _refreshing, 1) == 0)
        {
            _ = RefreshInBackgroundAsync();
        }

        return current;
    }

    /// <summary>Renders again after a change; returns once a rendering that started after the change is in place.</summary>
    public async Task RenderAsync(CancellationToken ct)
    {
        var wanted = Interlocked.Increment(ref _requested);
        await _gate.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _built) >= wanted)
            {
                return;
            }

            var covers = Volatile.Read(ref _requested);
            await using var scope = scopes.CreateAsyncScope();
            var documents = await scope.ServiceProvider.GetRequiredService<StatusRenderer>().RenderAsync(ct);
            Volatile.Write(ref _current, documents);
            Volatile.Write(ref _built, covers);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await RenderAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The older copy stays served; a status page that shows slightly old news beats one that shows an error.
            log.LogWarning(ex, "Could not re-render the status page; serving the copy from {BuiltAt}", _current?.BuiltAt);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    public void Dispose() => _gate.Dispose();
}
