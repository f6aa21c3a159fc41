using System.Globalization;
using System.Security.Claims;

namespace Firebreak.Server.Features.Audit;

/// <summary>Who did something, as recorded on timelines and in the audit log.</summary>
public sealed record Actor(string Kind, long? UserId, string Name, string? SourceAddress)
{
    public static Actor System { get; } = new("system", null, "system", null);

    public static Actor FromPrincipal(ClaimsPrincipal principal, string? sourceAddress)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return new Actor(
            "user",
            long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var uid) ? uid : null,
            principal.Identity?.Name ?? "unknown",
            sourceAddress);
    }

    public static Actor FromHttp(HttpContext http) =>
        FromPrincipal(http.User, http.Connection.RemoteIpAddress?.ToString());
}
