using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.OnCall;

public static class ScheduleEndpoints
{
    public static void MapScheduleApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/schedules").WithTags("On-call").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", async (ScheduleService svc, CancellationToken ct) => TypedResults.Ok(await svc.ListAsync(ct)));
        group.MapGet("/{key}", async (string key, ScheduleService svc, CancellationToken ct) => Problems.From(await svc.GetAsync(key, ct), TypedResults.Ok));
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPost("/preview", async (ScheduleService svc, Body<CreateScheduleRequest> body, CancellationToken ct) =>
            Problems.From(await svc.PreviewAsync(body.Value.Key, body.Value.ToSchedule(), ct), TypedResults.Ok)).RequireAuthorization(Policies.Admin);
        group.MapPut("/{key}", PutAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{key}", async (HttpContext http, string key, ScheduleService svc, CancellationToken ct) =>
            Problems.From(await svc.DeleteAsync(Actor.FromHttp(http), key, ct), TypedResults.Ok)).RequireAuthorization(Policies.Admin);
        group.MapGet("/{key}/on-call", async (string key, DateTimeOffset? at, ScheduleService svc, CancellationToken ct) =>
            Problems.From(await svc.OnCallAsync(key, at, ct), TypedResults.Ok));
        group.MapGet("/{key}/timeline", async (string key, DateTimeOffset? from, DateTimeOffset? to, ScheduleService svc, CancellationToken ct) =>
            Problems.From(await svc.TimelineAsync(key, from, to, ct), TypedResults.Ok));
        group.MapScheduleLayerApi();
        app.MapScheduleOverrideApi();
        app.MapScheduleFeedApi();
    }

    private static async Task<Results<Created<ScheduleDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(HttpContext http, ScheduleService svc, Body<CreateScheduleRequest> body, CancellationToken ct) =>
        Problems.From(await svc.CreateAsync(Actor.FromHttp(http), body.Value, ct), s => TypedResults.Created($"/api/v1/schedules/{s.Key}", s));

    private static async Task<Results<Ok<ScheduleDto>, ProblemHttpResult, ValidationProblem>> PutAsync(HttpContext http, string key, ScheduleService svc, Body<ScheduleRequest> body, CancellationToken ct) =>
        Problems.From(await svc.PutAsync(Actor.FromHttp(http), key, body.Value, ct), TypedResults.Ok);
}
