using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.Maintenance;

public static class MaintenanceEndpoints
{
    public static void MapMaintenanceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services/{service}/maintenance").WithTags("Maintenance").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", async (string service, MaintenanceService svc, CancellationToken ct) => Problems.From(await svc.ListAsync(service, ct), TypedResults.Ok));
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:long}", async (HttpContext http, string service, long id, MaintenanceService svc, CancellationToken ct) =>
            Problems.From(await svc.DeleteAsync(Actor.FromHttp(http), service, id, ct), TypedResults.Ok)).RequireAuthorization(Policies.Admin);
    }

    private static async Task<Results<Created<MaintenanceDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(HttpContext http, string service, MaintenanceService svc, Body<CreateMaintenanceRequest> body, CancellationToken ct) =>
        Problems.From(await svc.CreateAsync(Actor.FromHttp(http), service, body.Value, ct),
            d => TypedResults.Created($"/api/v1/services/{service}/maintenance/{d.Id}", d));
}
