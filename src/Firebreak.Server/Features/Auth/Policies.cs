using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Firebreak.Server.Features.Auth;

/// <summary>
/// Authorization policies. The API accepts only bearer tokens, never the UI's cookie, so a page on another site cannot
/// make a signed-in browser change anything through the API (no CSRF surface).
/// </summary>
public static class Policies
{
    public const string Viewer = "api-viewer";
    public const string Responder = "api-responder";
    public const string Admin = "api-admin";

    public const string UiViewer = "ui-viewer";
    public const string UiResponder = "ui-responder";
    public const string UiAdmin = "ui-admin";

    public static void Configure(AuthorizationOptions options)
    {
        Add(options, Viewer, ApiTokenDefaults.Scheme, RoleNames.Viewer);
        Add(options, Responder, ApiTokenDefaults.Scheme, RoleNames.Responder);
        Add(options, Admin, ApiTokenDefaults.Scheme, RoleNames.Admin);
        Add(options, UiViewer, CookieAuthenticationDefaults.AuthenticationScheme, RoleNames.Viewer);
        Add(options, UiResponder, CookieAuthenticationDefaults.AuthenticationScheme, RoleNames.Responder);
        Add(options, UiAdmin, CookieAuthenticationDefaults.AuthenticationScheme, RoleNames.Admin);
    }

    private static void Add(AuthorizationOptions options, string name, string scheme, string role) =>
        options.AddPolicy(name, p => p.AddAuthenticationSchemes(scheme).RequireAuthenticatedUser().RequireRole(role));
}
