using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.OnCall;

/// <summary>
/// <c>/api/v1/schedules/{key}/overrides</c>: responders cover shifts (theirs or a colleague's) without the admin-only
/// PUT of the whole schedule; everyone reads.
/// </summary>
public static class ScheduleOverrideEndpoints
{
    public static void MapScheduleOverrideApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/schedules/{key}/overrides").WithTags("On-call").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", async (string key, ScheduleService svc, CancellationToken ct) => Problems.From(await svc.OverridesAsync(key, ct), TypedResults.Ok));
        group.MapGet("/{id}", async (string key, string id, ScheduleService svc, CancellationToken ct) =>
            Problems.From(await svc.OverridesAsync(key, ct), list => list.FirstOrDefault(o => o.Id == id) is { } found
                ? TypedResults.Ok(found)
                : (IResult)TypedResults.Problem($"Schedule '{key}' has no override '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found")));
        group.MapPost("/", AddAsync).RequireAuthorization(Policies.Responder);
        group.MapDelete("/{id}", async (HttpContext http, string key, string id, ScheduleService svc, CancellationToken ct) =>
            Problems.From(await svc.RemoveOverrideAsync(Actor.FromHttp(http), key, id, ct), TypedResults.Ok)).RequireAuthorization(Policies.Responder);
    }

    private static async Task<Results<Created<OverrideDto>, ProblemHttpResult, ValidationProblem>> AddAsync(HttpContext http, string key, ScheduleService svc, Body<OverrideRequest> body, CancellationToken ct) =>
        Problems.From(await svc.AddOverrideAsync(Actor.FromHttp(http), key, body.Value, ct),
            added => TypedResults.Created($"/api/v1/schedules/{Uri.EscapeDataString(key)}/overrides/{added.Id}", added));
}
