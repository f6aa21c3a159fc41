using System.Globalization;
using System.Security.Claims;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;

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
        var principal = authenticationState.User;
        if (!long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<FirebreakDb>().Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new { u.Disabled, u.Role })
            .FirstOrDefaultAsync(cancellationToken);
        var claimed = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return user is { Disabled: false } && claimed.SetEquals(user.Role.Implied());
    }
}
