using Firebreak.Core.Intake;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.Intake;

public static class IntakeAdminEndpoints
{
    public static void MapIntakeAdminApi(this IEndpointRouteBuilder app)
    {
        var integrations = app.MapGroup("/api/v1/integrations").WithTags("Integrations").RequireAuthorization(Policies.Admin);
        integrations.MapGet("/", async (HttpContext http, IntegrationService svc, CancellationToken ct) => TypedResults.Ok(await svc.ListAsync(BaseUrl(http), ct)));
        integrations.MapGet("/{id:long}", async (HttpContext http, IntegrationService svc, long id, CancellationToken ct) =>
            Problems.From(await svc.GetAsync(id, BaseUrl(http), ct), TypedResults.Ok));
        integrations.MapPost("/", CreateAsync);
        integrations.MapPost("/{id:long}/disable", async (HttpContext http, IntegrationService svc, long id, CancellationToken ct) =>
            Problems.From(await svc.SetDisabledAsync(Actor.FromHttp(http), id, true, BaseUrl(http), ct), TypedResults.Ok));
        integrations.MapPost("/{id:long}/enable", async (HttpContext http, IntegrationService svc, long id, CancellationToken ct) =>
            Problems.From(await svc.SetDisabledAsync(Actor.FromHttp(http), id, false, BaseUrl(http), ct), TypedResults.Ok));

        integrations.MapPatch("/{id:long}", async (HttpContext http, long id, IntegrationService svc, Body<UpdateIntegrationRequest> body, CancellationToken ct) =>
            Problems.From(await svc.UpdateAsync(Actor.FromHttp(http), id, body.Value, BaseUrl(http), ct), TypedResults.Ok));
        integrations.MapPost("/{id:long}/rotate-key", async (HttpContext http, IntegrationService svc, long id, CancellationToken ct) =>
            Problems.From(await svc.RotateKeyAsync(Actor.FromHttp(http), id, BaseUrl(http), ct), TypedResults.Ok));
        integrations.MapGet("/{id:long}/mapping", async (GenericMappingService svc, long id, CancellationToken ct) =>
            Problems.From(await svc.GetAsync(id, ct), TypedResults.Ok));
        integrations.MapPut("/{id:long}/mapping", async (HttpContext http, long id, GenericMappingService svc, Body<GenericMapping> body, CancellationToken ct) =>
            Problems.From(await svc.SetAsync(Actor.FromHttp(http), id, body.Value, ct), TypedResults.Ok));
        integrations.MapPost("/{id:long}/mapping/dry-run", async (long id, GenericMappingService svc, Body<GenericDryRunRequest> body, CancellationToken ct) =>
            Problems.From(await svc.DryRunAsync(id, body.Value, ct), TypedResults.Ok));

        integrations.MapPost("/{id:long}/test", SendTestEventAsync);
        integrations.MapPut("/{id:long}/rules", SetRulesAsync);
        integrations.MapPost("/{id:long}/rules/dry-run", DryRunAsync);

        var alerts = app.MapGroup("/api/v1/alerts").WithTags("Alerts").RequireAuthorization(Policies.Viewer);
        // The body stays a bare array (what clients already read); the total for paging with page and limit is a header.
        alerts.MapGet("/", async (HttpContext http, AlertQueries q, string? status, int? incident, int? limit, int? page, CancellationToken ct) =>
            Problems.From(await q.PageAsync(status, incident, page ?? 1, limit ?? 200, ct), found =>
            {
                http.Response.Headers["X-Total-Count"] = found.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Ok(found.Alerts);
            }));
        alerts.MapGet("/{id:long}", async (AlertQueries q, long id, CancellationToken ct) => Problems.From(await q.GetAsync(id, ct), TypedResults.Ok));
        alerts.MapPost("/{id:long}/move", MoveAsync).RequireAuthorization(Policies.Responder);
        app.MapGet("/api/v1/changes", async (AlertQueries q, string? service, int? limit, CancellationToken ct) =>
            TypedResults.Ok(await q.ChangesAsync(service, null, TimeSpan.Zero, limit ?? 100, ct))).WithTags("Alerts").RequireAuthorization(Policies.Viewer);
        app.MapGet("/api/v1/incidents/{reference}/changes", async (AlertQueries q, string reference, CancellationToken ct) =>
            Problems.From(await q.ChangesBeforeIncidentAsync(reference, ct), TypedResults.Ok)).WithTags("Incidents").RequireAuthorization(Policies.Viewer);
        app.MapPost("/api/v1/incidents/{reference}/merge", MergeAsync).WithTags("Incidents").RequireAuthorization(Policies.Responder)
            ;
    }

    private static async Task<Results<Created<IntegrationDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(HttpContext http, IntegrationService svc, Body<CreateIntegrationRequest> body, CancellationToken ct) =>
        Problems.From(await svc.CreateAsync(Actor.FromHttp(http), body.Value, BaseUrl(http), ct),
            d => TypedResults.Created($"/api/v1/integrations/{d.Id}", d));

    private static async Task<Results<Ok<MoveResult>, ProblemHttpResult, ValidationProblem>> MoveAsync(HttpContext http, long id, AlertMoveService moves, Body<MoveAlertRequest> body, CancellationToken ct) =>
        Problems.From(await moves.MoveAsync(Actor.FromHttp(http), id, body.Value, ct), TypedResults.Ok);

    private static async Task<Results<Ok<IncidentSummary>, ProblemHttpResult, ValidationProblem>> MergeAsync(HttpContext http, string reference, AlertMoveService moves, Body<MergeIncidentRequest> body, CancellationToken ct) =>
        Problems.From(await moves.MergeAsync(Actor.FromHttp(http), reference, body.Value, ct), TypedResults.Ok);

    private static async Task<Results<Ok<IntegrationDto>, ProblemHttpResult, ValidationProblem>> SetRulesAsync(HttpContext http, long id, IntegrationService svc, Body<RoutingRulesRequest> body, CancellationToken ct) =>
        Problems.From(await svc.SetRulesAsync(Actor.FromHttp(http), id, body.Value, BaseUrl(http), ct), TypedResults.Ok);

    private static async Task<Results<Ok<IReadOnlyList<RoutingDryRunResult>>, ProblemHttpResult, ValidationProblem>> DryRunAsync(HttpContext http, long id, IntegrationService svc, Body<RoutingDryRunRequest> body, CancellationToken ct) =>
        Problems.From(await svc.DryRunAsync(id, body.Value, ct), TypedResults.Ok);

    private static async Task<Results<Ok<TestEventResult>, ProblemHttpResult, ValidationProblem>> SendTestEventAsync(
        HttpContext http, long id, IntakeService intake, OptionalBody<TestEventRequest> body, CancellationToken ct) =>
        Problems.From(await intake.SendTestEventAsync(id, Actor.FromHttp(http), body.Value ?? new TestEventRequest(), ct), TypedResults.Ok);

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
}
