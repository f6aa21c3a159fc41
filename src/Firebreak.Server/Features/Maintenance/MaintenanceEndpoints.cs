using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;

namespace Firebreak.Server.Features.Maintenance;

public static class MaintenanceEndpoints
{
    public static void MapMaintenanceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services/{service}/maintenance").WithTags("Maintenance").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", async (string service, MaintenanceService svc, CancellationToken ct) => Problems.From(await svc.ListAsync(service, ct), TypedResults.Ok));
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin)
            .Accepts<CreateMaintenanceRequest>("application/json").Produces<MaintenanceDto>(StatusCodes.Status201Created);
        group.MapDelete("/{id:long}", async (HttpContext http, string service, long id, MaintenanceService svc, CancellationToken ct) =>
            Problems.From(await svc.DeleteAsync(Actor.FromHttp(http), service, id, ct), TypedResults.Ok)).RequireAuthorization(Policies.Admin);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, string service, MaintenanceService svc, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<CreateMaintenanceRequest>(http.Request, ct);
        return problem ?? Problems.From(await svc.CreateAsync(Actor.FromHttp(http), service, request!, ct),
            d => TypedResults.Created($"/api/v1/services/{service}/maintenance/{d.Id}", d));
    }
}
