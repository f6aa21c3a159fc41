using System.Security.Claims;
using Firebreak.Server.Features.Audit;
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
    public const string ChangePasswordPath = "/account/password";
    public const string ChangePasswordFormPath = "/auth/password";

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        // Browser sign-in: a plain form post so the cookie is set on a normal HTTP response.
        app.MapPost("/auth/login", LoginAsync).RequireRateLimiting(SignInRateLimit).ExcludeFromDescription();
        app.MapPost("/auth/logout", LogoutAsync).ExcludeFromDescription();
        app.MapPost(ChangePasswordFormPath, ChangePasswordFormAsync).RequireAuthorization(Policies.UiViewer).RequireRateLimiting(SignInRateLimit).ExcludeFromDescription();

        var api = app.MapGroup("/api/v1").WithTags("Auth");
        api.MapPost("/auth/token", PasswordTokenAsync).RequireRateLimiting(SignInRateLimit).AllowAnonymous()
            .Produces<CreatedToken>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("/me", Me).RequireAuthorization(Policies.Viewer);
        api.MapPost("/me/password", ChangePasswordAsync).RequireAuthorization(Policies.Viewer).RequireRateLimiting(SignInRateLimit);

        var tokens = api.MapGroup("/tokens").RequireAuthorization(Policies.Viewer);
        tokens.MapGet("/", ListTokensAsync);
        tokens.MapPost("/", CreateTokenAsync);
        tokens.MapDelete("/{id:long}", RevokeTokenAsync);

        var users = api.MapGroup("/users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", async (AccountService accounts, CancellationToken ct) => TypedResults.Ok(await accounts.ListAsync(ct)));
        users.MapPost("/", CreateUserAsync);
        users.MapPatch("/{username}", UpdateUserAsync);
        users.MapPost("/{username}/reset-password", async (HttpContext http, string username, AccountService accounts, CancellationToken ct) =>
            Problems.From(await accounts.ResetPasswordAsync(Actor.FromHttp(http), username, ct), TypedResults.Ok));
    }

    private static async Task<IResult> LoginAsync(
        HttpContext http, AccountService accounts, [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken ct)
    {
        var user = await accounts.CheckPasswordAsync(username, password, http.Connection.RemoteIpAddress?.ToString(), "web", ct);
        var local = LocalReturnUrl.OrNull(returnUrl);
        if (user is null)
        {
            return TypedResults.Redirect("/login?error=1" + (local is null ? "" : "&returnUrl=" + Uri.EscapeDataString(local)));
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountService.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.Redirect(local ?? LocalReturnUrl.Home);
    }

    // Ends every session of the user, not only this browser's cookie: a copy of it (a shared machine, a stolen cookie)
    // must stop working too.
    private static async Task<IResult> LogoutAsync(HttpContext http, AccountService accounts, CancellationToken ct)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await accounts.SignOutEverywhereAsync(Actor.FromHttp(http), http.User.FindFirstValue(AccountService.StampClaim), ct);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/login");
    }

    private static async Task<IResult> ChangePasswordFormAsync(
        HttpContext http, AccountService accounts, [FromForm] string? currentPassword, [FromForm] string? newPassword, CancellationToken ct)
    {
        var outcome = await accounts.ChangePasswordAsync(Actor.FromHttp(http), new ChangePasswordRequest(currentPassword, newPassword), ct);
        if (outcome.Value is not { } user)
        {
            var field = outcome.FieldErrors?.Keys.FirstOrDefault() ?? "currentPassword";
            return TypedResults.Redirect($"{ChangePasswordPath}?error={Uri.EscapeDataString(field)}");
        }

        // The change ended every session, this one too; sign this browser in again with the new stamp.
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountService.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.Redirect($"{ChangePasswordPath}?changed=1");
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> ChangePasswordAsync(HttpContext http, AccountService accounts, Body<ChangePasswordRequest> body, CancellationToken ct) =>
        Problems.From(await accounts.ChangePasswordAsync(Actor.FromHttp(http), body.Value, ct), _ => TypedResults.NoContent());

    private static async Task<IResult> PasswordTokenAsync(HttpContext http, AccountService accounts, ApiTokenService tokens, Body<PasswordTokenRequest> body, CancellationToken ct)
    {
        var request = body.Value;

        var user = await accounts.CheckPasswordAsync(request.Username, request.Password, http.Connection.RemoteIpAddress?.ToString(), "api", ct);
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

    private static async Task<Results<Created<CreatedToken>, ProblemHttpResult, ValidationProblem>> CreateTokenAsync(
        HttpContext http, ApiTokenService tokens, Body<CreateTokenRequest> body, CancellationToken ct)
    {
        var actor = Actor.FromHttp(http);
        var outcome = await tokens.CreateAsync(actor, actor.UserId!.Value, body.Value, ct);
        return Problems.From(outcome, t => TypedResults.Created($"/api/v1/tokens/{t.Token.Id}", t));
    }

    private static async Task<IResult> RevokeTokenAsync(HttpContext http, ApiTokenService tokens, long id, CancellationToken ct) =>
        Problems.From(await tokens.RevokeAsync(Actor.FromHttp(http), id, http.User.IsInRole(RoleNames.Admin), ct), TypedResults.Ok);

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult, ValidationProblem>> UpdateUserAsync(HttpContext http, string username, AccountService accounts, Body<UpdateUserRequest> body, CancellationToken ct) =>
        Problems.From(await accounts.UpdateAsync(Actor.FromHttp(http), username, body.Value, ct), TypedResults.Ok);

    private static async Task<Results<Created<UserDto>, ProblemHttpResult, ValidationProblem>> CreateUserAsync(HttpContext http, AccountService accounts, Body<CreateUserRequest> body, CancellationToken ct) =>
        Problems.From(await accounts.CreateAsync(Actor.FromHttp(http), body.Value, ct), u => TypedResults.Created($"/api/v1/users/{u.Username}", u));
}
