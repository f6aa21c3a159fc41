using Firebreak.Core.Intake;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;

namespace Firebreak.Server.Features.Intake;

public static class IntakeAdminEndpoints
{
    public static void MapIntakeAdminApi(this IEndpointRouteBuilder app)
    {
        var integrations = app.MapGroup("/api/v1/integrations").WithTags("Integrations").RequireAuthorization(Policies.Admin);
        integrations.MapGet("/", async (HttpContext http, IntegrationService svc, CancellationToken ct) => TypedResults.Ok(await svc.ListAsync(BaseUrl(http), ct)));
        integrations.MapGet("/{id:long}", async (HttpContext http, IntegrationService svc, long id, CancellationToken ct) =>
            Problems.From(await svc.GetAsync(id, BaseUrl(http), ct), TypedResults.Ok));
        integrations.MapPost("/", CreateAsync).Accepts<CreateIntegrationRequest>("application/json").Produces<IntegrationDto>(StatusCodes.Status201Created);
        integrations.MapPost("/{id:long}/disable", async (HttpContext http, IntegrationService svc, long id, CancellationToken ct) =>
            Problems.From(await svc.SetDisabledAsync(Actor.FromHttp(http), id, true, BaseUrl(http), ct), TypedResults.Ok));
        integrations.MapPost("/{id:long}/enable", async (HttpContext http, IntegrationService svc, long id, CancellationToken ct) =>
            Problems.From(await svc.SetDisabledAsync(Actor.FromHttp(http), id, false, BaseUrl(http), ct), TypedResults.Ok));

        integrations.MapPatch("/{id:long}", (HttpContext http, long id, IntegrationService svc) => WithBodyAsync<UpdateIntegrationRequest>(http, async (request, ct) =>
            Problems.From(await svc.UpdateAsync(Actor.FromHttp(http), id, request, BaseUrl(http), ct), TypedResults.Ok))).Accepts<UpdateIntegrationRequest>("application/json").Produces<IntegrationDto>();
        integrations.MapPost("/{id:long}/rotate-key", async (HttpContext http, IntegrationService svc, long id, CancellationToken ct) =>
            Problems.From(await svc.RotateKeyAsync(Actor.FromHttp(http), id, BaseUrl(http), ct), TypedResults.Ok));
        integrations.MapGet("/{id:long}/mapping", async (GenericMappingService svc, long id, CancellationToken ct) =>
            Problems.From(await svc.GetAsync(id, ct), TypedResults.Ok));
        integrations.MapPut("/{id:long}/mapping", (HttpContext http, long id, GenericMappingService svc) => WithBodyAsync<GenericMapping>(http, async (mapping, ct) =>
            Problems.From(await svc.SetAsync(Actor.FromHttp(http), id, mapping, ct), TypedResults.Ok))).Accepts<GenericMapping>("application/json").Produces<GenericMappingDto>();
        integrations.MapPost("/{id:long}/mapping/dry-run", (HttpContext http, long id, GenericMappingService svc) => WithBodyAsync<GenericDryRunRequest>(http, async (request, ct) =>
            Problems.From(await svc.DryRunAsync(id, request, ct), TypedResults.Ok))).Accepts<GenericDryRunRequest>("application/json")
            .Produces<IReadOnlyList<GenericDryRunAlert>>();

        integrations.MapPost("/{id:long}/test", SendTestEventAsync).Produces<IntakeResult>();
        integrations.MapPut("/{id:long}/rules", SetRulesAsync).Accepts<RoutingRulesRequest>("application/json").Produces<IntegrationDto>();
        integrations.MapPost("/{id:long}/rules/dry-run", DryRunAsync).Accepts<RoutingDryRunRequest>("application/json")
            .Produces<IReadOnlyList<RoutingDryRunResult>>();

        var alerts = app.MapGroup("/api/v1/alerts").WithTags("Alerts").RequireAuthorization(Policies.Viewer);
        alerts.MapGet("/", async (AlertQueries q, string? status, int? incident, int? limit, CancellationToken ct) =>
            Problems.From(await q.ListAsync(status, incident, limit ?? 200, ct), TypedResults.Ok));
        alerts.MapGet("/{id:long}", async (AlertQueries q, long id, CancellationToken ct) => Problems.From(await q.GetAsync(id, ct), TypedResults.Ok));
        alerts.MapPost("/{id:long}/move", MoveAsync).RequireAuthorization(Policies.Responder)
            .Accepts<MoveAlertRequest>("application/json").Produces<MoveResult>();
        app.MapGet("/api/v1/changes", async (AlertQueries q, string? service, int? limit, CancellationToken ct) =>
            TypedResults.Ok(await q.ChangesAsync(service, null, TimeSpan.Zero, limit ?? 100, ct))).WithTags("Alerts").RequireAuthorization(Policies.Viewer);
        app.MapGet("/api/v1/incidents/{reference}/changes", async (AlertQueries q, string reference, CancellationToken ct) =>
            Problems.From(await q.ChangesBeforeIncidentAsync(reference, ct), TypedResults.Ok)).WithTags("Incidents").RequireAuthorization(Policies.Viewer);
        app.MapPost("/api/v1/incidents/{reference}/merge", MergeAsync).WithTags("Incidents").RequireAuthorization(Policies.Responder)
            .Accepts<MergeIncidentRequest>("application/json");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IntegrationService svc, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<CreateIntegrationRequest>(http.Request, ct);
        return problem ?? Problems.From(await svc.CreateAsync(Actor.FromHttp(http), request!, BaseUrl(http), ct),
            d => TypedResults.Created($"/api/v1/integrations/{d.Id}", d));
    }

    /// <summary>Reads a JSON body with field-naming errors, then handles it; a bad body never reaches the service.</summary>
    private static async Task<IResult> WithBodyAsync<T>(HttpContext http, Func<T, CancellationToken, Task<IResult>> handle)
        where T : class
    {
        var (request, problem) = await JsonBody.ReadAsync<T>(http.Request, http.RequestAborted);
        return problem ?? await handle(request!, http.RequestAborted);
    }

    private static async Task<IResult> MoveAsync(HttpContext http, long id, AlertMoveService moves, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<MoveAlertRequest>(http.Request, ct);
        return problem ?? Problems.From(await moves.MoveAsync(Actor.FromHttp(http), id, request!, ct), TypedResults.Ok);
    }

    private static async Task<IResult> MergeAsync(HttpContext http, string reference, AlertMoveService moves, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<MergeIncidentRequest>(http.Request, ct);
        return problem ?? Problems.From(await moves.MergeAsync(Actor.FromHttp(http), reference, request!, ct), TypedResults.Ok);
    }

    private static async Task<IResult> SetRulesAsync(HttpContext http, long id, IntegrationService svc, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<RoutingRulesRequest>(http.Request, ct);
        return problem ?? Problems.From(await svc.SetRulesAsync(Actor.FromHttp(http), id, request!, BaseUrl(http), ct), TypedResults.Ok);
    }

    private static async Task<IResult> DryRunAsync(HttpContext http, long id, IntegrationService svc, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<RoutingDryRunRequest>(http.Request, ct);
        return problem ?? Problems.From(await svc.DryRunAsync(id, request!, ct), TypedResults.Ok);
    }

    private static async Task<IResult> SendTestEventAsync(HttpContext http, long id, IntakeService intake, CancellationToken ct) =>
        Problems.From(await intake.SendTestEventAsync(id, http.User.Identity?.Name, http.Connection.RemoteIpAddress?.ToString(), ct), TypedResults.Ok);

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
}
