using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Audit;

public sealed record AuditEventDto(long Id, DateTimeOffset At, string Actor, string Action, string Resource, string? SourceAddress, string? Details);

public static class AuditEndpoints
{
    public static void MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.Admin)
            .MapGet("/", async (AuditQueries queries, string? resource, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await queries.RecentAsync(resource, Math.Clamp(limit ?? 200, 1, 1000), ct)));
}

public sealed class AuditQueries(FirebreakDb db)
{
    public async Task<IReadOnlyList<AuditEventDto>> RecentAsync(string? resource, int limit, CancellationToken ct)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(resource))
        {
            query = query.Where(a => a.Resource.StartsWith(resource));
        }

        return await query.OrderByDescending(a => a.Id).Take(limit)
            .Select(a => new AuditEventDto(a.Id, a.At, a.Actor, a.Action, a.Resource, a.SourceAddress, a.Details))
            .ToListAsync(ct);
    }
}
