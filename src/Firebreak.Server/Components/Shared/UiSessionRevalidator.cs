using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Firebreak.Server.Components.Shared;

/// <summary>
/// Re-checks a live page's user against the database every minute. A circuit keeps the principal it started with for
/// as long as the tab stays open (a wall display, for days); without this a disabled or demoted user would keep the
/// rights their sign-in cookie was issued with.
/// </summary>
public sealed class UiSessionRevalidator(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FirebreakDb>();
        var (state, _) = await SessionCheck.CheckAsync(db, authenticationState.User, cancellationToken);
        return state == SessionState.Current;
    }
}
