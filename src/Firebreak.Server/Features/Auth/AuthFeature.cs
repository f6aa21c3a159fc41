using System.Threading.RateLimiting;
using Firebreak.Server.Components.Layout;
using Firebreak.Server.Components.Shared;
using Firebreak.Server.Hosting;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;

namespace Firebreak.Server.Features.Auth;

/// <summary>Users, roles, API tokens, cookie sign-in and the rate limit on guessing passwords.</summary>
public sealed class AuthFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "firebreak";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the browser's request is https, which behind a trusted proxy is its forwarded scheme.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = CookieValidation.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenDefaults.Scheme, null);
        services.AddAuthorization(Policies.Configure);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, UiSessionRevalidator>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem("Too many sign-in attempts from this address. Wait a minute and try again.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(ctx.HttpContext);
            };
            // Keyed on the client as the forwarded headers from trusted proxies name it, never on the proxy itself.
            o.AddPolicy(AuthEndpoints.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                ReverseProxy.ClientKey(http),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = configuration.GetValue("Firebreak:SignInAttemptsPerMinute", 10),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        services.AddSingleton<Passwords>();
        services.AddScoped<AccountService>();
        services.AddScoped<ViewerZone>();
        services.AddScoped<ApiTokenService>();
        services.AddNavItem(NavGroup.Settings, 10, "Tokens", "/tokens", Policies.UiViewer);
        services.AddNavItem(NavGroup.Settings, 25, "People", "/people", Policies.UiAdmin);
    }

    public void Map(WebApplication app) => app.MapAuthEndpoints();

    /// <summary>A fresh instance gets one admin; the password is printed once unless FIREBREAK_ADMIN_PASSWORD set it.</summary>
    public async Task PrepareAsync(FeaturePreparation preparation, CancellationToken ct)
    {
        var adminName = preparation.Configuration["FIREBREAK_ADMIN_USERNAME"] ?? "admin";
        var password = await preparation.Services.GetRequiredService<AccountService>()
            .EnsureFirstAdminAsync(adminName, preparation.Configuration["FIREBREAK_ADMIN_PASSWORD"], ct);
        if (password is not null)
        {
            await preparation.Console.WriteLineAsync($"First admin created. Sign in as '{adminName}' with password: {password}");
            await preparation.Console.WriteLineAsync("This password is shown only once.");
        }
    }
}
