using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;

namespace Firebreak.Server.Features.OnCall;

/// <summary>Edits to one layer of a schedule, under the schedules route group.</summary>
public static class ScheduleLayerEndpoints
{
    public static void MapScheduleLayerApi(this RouteGroupBuilder schedules)
    {
        schedules.MapPut("/{key}/layers/{layerName}/participants", PutParticipantsAsync)
            .RequireAuthorization(Policies.Admin).Accepts<ParticipantsRequest>("application/json").Produces<ScheduleDto>();
    }

    private static async Task<IResult> PutParticipantsAsync(HttpContext http, string key, string layerName, ScheduleService svc, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<ParticipantsRequest>(http.Request, ct);
        return problem ?? Problems.From(await svc.ReplaceParticipantsAsync(Actor.FromHttp(http), key, layerName, request!, ct), TypedResults.Ok);
    }
}
