using System.Globalization;
using System.Security.Claims;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Auth;

public enum SessionState
{
    /// <summary>The user exists, is enabled, and has exactly the role the session claims.</summary>
    Current,

    /// <summary>The user is still allowed in, but their name or role changed since the session began.</summary>
    Stale,

    /// <summary>The user is gone or disabled, or the session was ended: signed out, password changed, role changed.</summary>
    Revoked,
}

/// <summary>Compares a signed-in session with the users table; shared by the cookie check and the live-page check.</summary>
public static class SessionCheck
{
    public static async Task<(SessionState State, User? User)> CheckAsync(FirebreakDb db, ClaimsPrincipal principal, CancellationToken ct)
    {
        if (!long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            return (SessionState.Revoked, null);
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        // A session whose stamp is not the user's current one was ended on purpose; a cookie from before stamps existed
        // carries none and ends too.
        if (user is null || user.Disabled || principal.FindFirstValue(AccountService.StampClaim) != user.SecurityStamp)
        {
            return (SessionState.Revoked, null);
        }

        var claimed = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var current = claimed.SetEquals(user.Role.Implied()) && principal.Identity?.Name == user.Username;
        return (current ? SessionState.Current : SessionState.Stale, user);
    }
}
