using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Audit;

public sealed record AuditEventDto(long Id, DateTimeOffset At, string Actor, string Action, string Resource, string? SourceAddress, string? Details);

/// <summary>
/// Which audit events to show. <see cref="Action"/> matches an action or its family: <c>incident</c> or
/// <c>incident.status</c> both match <c>incident.status.resolved</c>.
/// </summary>
public sealed record AuditQuery(string? Resource = null, string? Actor = null, string? Action = null, int Page = 1, int PageSize = 200);

public sealed record AuditPage(IReadOnlyList<AuditEventDto> Events, int Total, int Page, int PageSize);

/// <summary>The people and actions the log holds, for the page's filter lists.</summary>
public sealed record AuditFacets(IReadOnlyList<string> Actors, IReadOnlyList<string> Actions);

public static class AuditEndpoints
{
    /// <summary>The body stays a bare array (what clients already read); the total for paging travels here.</summary>
    public const string TotalCountHeader = "X-Total-Count";

    public static void MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.Admin)
            .MapGet("/", async (HttpContext http, AuditQueries queries, string? resource, string? actor, string? action, int? limit, int? page, CancellationToken ct) =>
            {
                var found = await queries.PageAsync(new AuditQuery(resource, actor, action, Math.Max(page ?? 1, 1), Math.Clamp(limit ?? 200, 1, 1000)), ct);
                http.Response.Headers[TotalCountHeader] = found.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Ok(found.Events);
            });
}

public sealed class AuditQueries(FirebreakDb db)
{
    public async Task<IReadOnlyList<AuditEventDto>> RecentAsync(string? resource, int limit, CancellationToken ct) =>
        (await PageAsync(new AuditQuery(resource, PageSize: limit), ct)).Events;

    public async Task<AuditPage> PageAsync(AuditQuery q, CancellationToken ct)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Resource))
        {
            var resource = q.Resource.Trim();
            query = query.Where(a => a.Resource.StartsWith(resource));
        }

        if (!string.IsNullOrWhiteSpace(q.Actor))
        {
            var actor = q.Actor.Trim();
            query = query.Where(a => a.Actor == actor);
        }

        if (!string.IsNullOrWhiteSpace(q.Action))
        {
            var action = q.Action.Trim();
            var family = action + ".";
            query = query.Where(a => a.Action == action || a.Action.StartsWith(family));
        }

        var total = await query.CountAsync(ct);
        var events = await query.OrderByDescending(a => a.Id)
            .Skip((int)Math.Min(((long)q.Page - 1) * q.PageSize, int.MaxValue))
            .Take(q.PageSize)
            .Select(a => new AuditEventDto(a.Id, a.At, a.Actor, a.Action, a.Resource, a.SourceAddress, a.Details))
            .ToListAsync(ct);
        return new AuditPage(events, total, q.Page, q.PageSize);
    }

    public async Task<AuditFacets> FacetsAsync(CancellationToken ct) => new(
        await db.AuditEvents.AsNoTracking().Select(a => a.Actor).Distinct().OrderBy(a => a).ToListAsync(ct),
        await db.AuditEvents.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct));
}
