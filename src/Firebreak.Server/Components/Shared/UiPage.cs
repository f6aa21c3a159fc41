using System.Security.Claims;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Firebreak.Server.Components.Shared;

/// <summary>
/// What every interactive page needs: the signed-in user, a fresh service scope per operation, commands that re-check
/// the role on the server, and live incident updates.
/// </summary>
public abstract class UiPage : ComponentBase, IDisposable
{
    private static readonly ClaimsPrincipal s_nobody = new();
    private readonly CancellationTokenSource _lifetime = new();

    // Read once: work still in flight when the page closes must see a cancelled token, not a disposed source.
    private readonly CancellationToken _closed;
    private readonly List<Action> _unsubscribe = [];
    private Func<Task>? _onChange;
    private bool _refreshing;
    private bool _refreshAgain;
    private bool _disposed;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthState { get; set; }

    [CascadingParameter]
    private ClientInfo? Client { get; set; }

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject]
    private ILoggerFactory LoggerFactory { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    /// <summary>The viewer's time zone: every time a page shows goes through it.</summary>
    [Inject]
    protected ViewerZone Viewer { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>
    /// The signed-in user as of now: the cascaded state changes when the session is revalidated, so this is read afresh
    /// rather than cached. Until the state is known it is nobody, which shows no write controls.
    /// </summary>
    protected ClaimsPrincipal User => AuthState is { IsCompletedSuccessfully: true } state ? state.Result.User : s_nobody;

    protected bool IsResponder => User.IsInRole(RoleNames.Responder);

    protected bool IsAdmin => User.IsInRole(RoleNames.Admin);

    protected UiPage() => _closed = _lifetime.Token;

    /// <summary>Cancelled when the page closes, for work a page starts on its own (polling, timers).</summary>
    protected CancellationToken Closed => _closed;

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null)
        {
            await AuthState;
        }

        await Viewer.ResolveAsync(_closed);
        await OnPageInitializedAsync();
    }

    protected virtual Task OnPageInitializedAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs a read with its own scope. Pages outlive requests, and a live update can arrive while a command is still
    /// awaiting the database, so sharing one DbContext across them would be a concurrency bug.
    /// </summary>
    protected async Task<T> QueryAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> query)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider, _closed);
    }

    /// <summary>
    /// Runs a command as the signed-in user after checking their role again on the server: a hidden button is not a
    /// permission check, and the role may have changed since the page was drawn.
    /// </summary>
    protected async Task<Outcome<T>> CommandAsync<T>(string requiredRole, Func<IServiceProvider, Actor, CancellationToken, Task<Outcome<T>>> command)
    {
        var user = AuthState is null ? s_nobody : (await AuthState).User;
        if (!user.IsInRole(requiredRole))
        {
            return Failure.Conflict($"Your role does not allow this; it needs a {requiredRole}. Ask an admin if you need more access.");
        }

        var actor = Actor.FromPrincipal(user, Client?.RemoteAddress);
        try
        {
            await using var scope = Scopes.CreateAsyncScope();
            return await command(scope.ServiceProvider, actor, _closed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database outage must not take the whole page down at 3 a.m.; say so and keep the page usable.
            LoggerFactory.CreateLogger(GetType()).LogError(ex, "Command failed for {User}", actor.Name);
            return Failure.Conflict("The server could not save this change (it logged the error). Try again in a moment.");
        }
    }

    /// <summary>True while a command started by <see cref="WhileBusyAsync"/> runs; pages disable their buttons on it.</summary>
    protected bool Busy { get; private set; }

    /// <summary>Runs <paramref name="work"/> unless another is still running: a double click must not send a command twice.</summary>
    protected async Task WhileBusyAsync(Func<Task> work)
    {
        if (Busy)
        {
            return;
        }

        Busy = true;
        try
        {
            await work();
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>
    /// Reloads through <paramref name="refresh"/> whenever <paramref name="feed"/> announces a change that
    /// <paramref name="filter"/> accepts (a committed incident change, say), on any node's behalf. A page watches with
    /// one refresh; later calls add feeds to it.
    /// </summary>
    protected void Watch<TChange>(ILiveFeed<TChange> feed, Func<TChange, bool> filter, Func<Task> refresh)
    {
        if (!Watching(refresh))
        {
            return;
        }

        // Called on the committing thread, which must not wait for us: hop onto this circuit and return.
        void OnChange(TChange change)
        {
            if (!_disposed && filter(change))
            {
                _ = InvokeAsync(RefreshAsync);
            }
        }

        feed.Changed += OnChange;
        _unsubscribe.Add(() => feed.Changed -= OnChange);
    }

    /// <summary>Reloads through <paramref name="refresh"/> whenever <paramref name="signal"/> fires.</summary>
    protected void Watch(ILiveSignal signal, Func<Task> refresh)
    {
        if (!Watching(refresh))
        {
            return;
        }

        void OnSignal()
        {
            if (!_disposed)
            {
                _ = InvokeAsync(RefreshAsync);
            }
        }

        signal.Changed += OnSignal;
        _unsubscribe.Add(() => signal.Changed -= OnSignal);
    }

    // Prerendering has no circuit to refresh; only an interactive page watches.
    private bool Watching(Func<Task> refresh)
    {
        if (!RendererInfo.IsInteractive || _disposed)
        {
            return false;
        }

        _onChange ??= refresh;
        return true;
    }

    // Changes can arrive in bursts (a responder ticking a checklist); coalesce them into one reload at a time.
    private async Task RefreshAsync()
    {
        if (_refreshing)
        {
            _refreshAgain = true;
            return;
        }

        _refreshing = true;
        try
        {
            do
            {
                _refreshAgain = false;
                if (_disposed || _onChange is null)
                {
                    return;
                }

                await _onChange();
                StateHasChanged();
            }
            while (_refreshAgain);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LoggerFactory.CreateLogger(GetType()).LogWarning(ex, "Live refresh failed");
        }
        catch (OperationCanceledException)
        {
            // The page closed while reloading.
        }
        finally
        {
            _refreshing = false;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        foreach (var unsubscribe in _unsubscribe)
        {
            unsubscribe();
        }

        _lifetime.Cancel();
        _lifetime.Dispose();
    }
}
