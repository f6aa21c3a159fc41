using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Firebreak.Server.Features.Auth;

/// <summary>Authenticates <c>Authorization: Bearer fbk_…</c> and answers 401/403 as problem documents.</summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private string? _failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            _failure = "Send an API token: 'Authorization: Bearer fbk_…'. Create one under Tokens in the web UI or with 'firebreak login'.";
            return AuthenticateResult.NoResult();
        }

        var found = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (found is null)
        {
            _failure = "The API token is unknown, revoked, or belongs to a disabled user.";
            return AuthenticateResult.Fail(_failure);
        }

        var (token, user) = found.Value;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new("token_id", token.Id.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(ApiTokenService.EffectiveRole(token, user).Implied().Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", _failure ?? "Authentication required.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden",
            "Your token's role does not allow this. Viewers read; responders change incidents; admins manage users, tokens and the audit log.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        Response.ContentType = "application/problem+json";
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = Request.Path };
        return Response.WriteAsync(JsonSerializer.Serialize(problem, JsonSerializerOptions.Web), Context.RequestAborted);
    }
}
