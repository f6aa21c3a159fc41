using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.Catalog;

public static class ServiceEndpoints
{
    public static void MapServiceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services").WithTags("Services").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", async (ServiceDirectory svc, CancellationToken ct) => TypedResults.Ok(await svc.ListAsync(ct)));
        group.MapGet("/{key}", async (string key, ServiceDirectory svc, CancellationToken ct) => Problems.From(await svc.GetAsync(key, ct), TypedResults.Ok));
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPatch("/{key}", UpdateAsync).RequireAuthorization(Policies.Admin);
    }

    private static async Task<Results<Created<ServiceDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(HttpContext http, ServiceDirectory svc, Body<ServiceRequest> body, CancellationToken ct) =>
        Problems.From(await svc.CreateAsync(Actor.FromHttp(http), body.Value, ct), s => TypedResults.Created($"/api/v1/services/{s.Key}", s));

    private static async Task<Results<Ok<ServiceDto>, ProblemHttpResult, ValidationProblem>> UpdateAsync(HttpContext http, string key, ServiceDirectory svc, Body<ServiceRequest> body, CancellationToken ct) =>
        Problems.From(await svc.UpdateAsync(Actor.FromHttp(http), key, body.Value, ct), TypedResults.Ok);
}
