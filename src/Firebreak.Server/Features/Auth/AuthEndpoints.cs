using System.Security.Claims;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Firebreak.Server.Features.Auth;

public sealed record MeDto(string Username, string Role);

public sealed record PasswordTokenRequest(string? Username, string? Password, string? TokenName);

public static class AuthEndpoints
{
    public const string SignInRateLimit = "sign-in";

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        // Browser sign-in: a plain form post so the cookie is set on a normal HTTP response.
        app.MapPost("/auth/login", LoginAsync).RequireRateLimiting(SignInRateLimit).ExcludeFromDescription();
        app.MapPost("/auth/logout", LogoutAsync).ExcludeFromDescription();

        var api = app.MapGroup("/api/v1").WithTags("Auth");
        api.MapPost("/auth/token", PasswordTokenAsync).RequireRateLimiting(SignInRateLimit).AllowAnonymous()
            .Accepts<PasswordTokenRequest>("application/json").Produces<CreatedToken>(StatusCodes.Status201Created);
        api.MapGet("/me", Me).RequireAuthorization(Policies.Viewer);

        var tokens = api.MapGroup("/tokens").RequireAuthorization(Policies.Viewer);
        tokens.MapGet("/", ListTokensAsync);
        tokens.MapPost("/", CreateTokenAsync).Accepts<CreateTokenRequest>("application/json").Produces<CreatedToken>(StatusCodes.Status201Created);
        tokens.MapDelete("/{id:long}", RevokeTokenAsync);

        var users = api.MapGroup("/users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", async (AccountService accounts, CancellationToken ct) => TypedResults.Ok(await accounts.ListAsync(ct)));
        users.MapPost("/", CreateUserAsync).Accepts<CreateUserRequest>("application/json").Produces<UserDto>(StatusCodes.Status201Created);
    }

    private static async Task<IResult> LoginAsync(
        HttpContext http, AccountService accounts, [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken ct)
    {
        var user = await accounts.CheckPasswordAsync(username, password, http.Connection.RemoteIpAddress?.ToString(), "web", ct);
        if (user is null)
        {
            return TypedResults.Redirect("/login?error=1" + (string.IsNullOrEmpty(returnUrl) ? "" : "&returnUrl=" + Uri.EscapeDataString(returnUrl)));
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountService.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        // Only local paths: an open redirect after sign-in is a phishing aid.
        var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
        return TypedResults.Redirect(target);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/login");
    }

    private static async Task<IResult> PasswordTokenAsync(HttpContext http, AccountService accounts, ApiTokenService tokens, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<PasswordTokenRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var user = await accounts.CheckPasswordAsync(request!.Username, request.Password, http.Connection.RemoteIpAddress?.ToString(), "api", ct);
        if (user is null)
        {
            return TypedResults.Problem("Wrong username or password.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        var actor = new Actor("user", user.Id, user.Username, http.Connection.RemoteIpAddress?.ToString());
        var outcome = await tokens.CreateAsync(actor, user.Id, new CreateTokenRequest(request.TokenName ?? "cli"), ct);
        return Problems.From(outcome, t => TypedResults.Created($"/api/v1/tokens/{t.Token.Id}", t));
    }

    private static Ok<MeDto> Me(ClaimsPrincipal user) => TypedResults.Ok(new MeDto(
        user.Identity?.Name ?? "",
        user.IsInRole(RoleNames.Admin) ? RoleNames.Admin : user.IsInRole(RoleNames.Responder) ? RoleNames.Responder : RoleNames.Viewer));

    private static async Task<IResult> ListTokensAsync(HttpContext http, ApiTokenService tokens, CancellationToken ct)
    {
        var actor = Actor.FromHttp(http);
        return TypedResults.Ok(await tokens.ListAsync(http.User.IsInRole(RoleNames.Admin) ? null : actor.UserId, ct));
    }

    private static async Task<IResult> CreateTokenAsync(HttpContext http, ApiTokenService tokens, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<CreateTokenRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var actor = Actor.FromHttp(http);
        var outcome = await tokens.CreateAsync(actor, actor.UserId!.Value, request!, ct);
        return Problems.From(outcome, t => TypedResults.Created($"/api/v1/tokens/{t.Token.Id}", t));
    }

    private static async Task<IResult> RevokeTokenAsync(HttpContext http, ApiTokenService tokens, long id, CancellationToken ct) =>
        Problems.From(await tokens.RevokeAsync(Actor.FromHttp(http), id, http.User.IsInRole(RoleNames.Admin), ct), TypedResults.Ok);

    private static async Task<IResult> CreateUserAsync(HttpContext http, AccountService accounts, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<CreateUserRequest>(http.Request, ct);
        return problem ?? Problems.From(await accounts.CreateAsync(Actor.FromHttp(http), request!, ct), u => TypedResults.Created($"/api/v1/users/{u.Username}", u));
    }
}
