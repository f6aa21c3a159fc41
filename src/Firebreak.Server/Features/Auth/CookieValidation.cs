using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Firebreak.Server.Features.Auth;

/// <summary>
/// Checks cookie sessions against the users table, so disabling someone or lowering their role takes effect on their
/// next page load instead of when their 12-hour cookie expires.
/// </summary>
public static class CookieValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        // Only where an authorization decision follows: static assets and the like would otherwise cost a query each.
        if (context.Principal is not { } principal
            || context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is null)
        {
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<FirebreakDb>();
        var (state, user) = await SessionCheck.CheckAsync(db, principal, context.HttpContext.RequestAborted);
        switch (state)
        {
            case SessionState.Revoked:
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                break;
            case SessionState.Stale:
                context.ReplacePrincipal(AccountService.Principal(user!, CookieAuthenticationDefaults.AuthenticationScheme));
                context.ShouldRenew = true;
                break;
        }
    }
}
