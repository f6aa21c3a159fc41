using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.OnCall;

/// <summary>Edits to one layer of a schedule, under the schedules route group.</summary>
public static class ScheduleLayerEndpoints
{
    public static void MapScheduleLayerApi(this RouteGroupBuilder schedules)
    {
        schedules.MapPut("/{key}/layers/{layerName}/participants", PutParticipantsAsync)
            .RequireAuthorization(Policies.Admin);
        schedules.MapPut("/{key}/layers/{layerName}", PutLayerAsync).RequireAuthorization(Policies.Admin);
        schedules.MapDelete("/{key}/layers/{layerName}", async (HttpContext http, string key, string layerName, ScheduleService svc, CancellationToken ct) =>
            Problems.From(await svc.RemoveLayerAsync(Actor.FromHttp(http), key, layerName, ct), TypedResults.Ok)).RequireAuthorization(Policies.Admin);
    }

    private static async Task<Results<Ok<ScheduleDto>, ProblemHttpResult, ValidationProblem>> PutLayerAsync(HttpContext http, string key, string layerName, ScheduleService svc, Body<LayerRequest> body, CancellationToken ct) =>
        Problems.From(await svc.PutLayerAsync(Actor.FromHttp(http), key, layerName, body.Value, ct), TypedResults.Ok);

    private static async Task<Results<Ok<ScheduleDto>, ProblemHttpResult, ValidationProblem>> PutParticipantsAsync(HttpContext http, string key, string layerName, ScheduleService svc, Body<ParticipantsRequest> body, CancellationToken ct) =>
        Problems.From(await svc.ReplaceParticipantsAsync(Actor.FromHttp(http), key, layerName, body.Value, ct), TypedResults.Ok);
}
