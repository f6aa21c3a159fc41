using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.Incidents;

public static class IncidentEndpoints
{
    public static void MapIncidentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization(Policies.Viewer);
        api.MapGet("/", ListAsync);
        api.MapGet("/{reference}", GetAsync);
        api.MapGet("/{reference}/timeline", TimelineAsync);

        var write = api.MapGroup("/").RequireAuthorization(Policies.Responder);
        write.MapPost("/", DeclareAsync);
        write.MapPost("/{reference}/acknowledge", AcknowledgeAsync);
        write.MapPost("/{reference}/resolve", ResolveAsync);
        write.MapPost("/{reference}/status", StatusAsync);
        write.MapPost("/{reference}/severity", SeverityAsync);
        write.MapPost("/{reference}/impact-start", ImpactStartAsync);
        write.MapPost("/{reference}/roles", RolesAsync);
        write.MapPost("/{reference}/notes", NotesAsync);
        write.MapPatch("/{reference}/checklist/{itemId:long}", ChecklistAsync);
    }

    /// <summary>
    /// The body stays a bare array (what clients already read); the total for paging with <c>page</c> and <c>limit</c>
    /// travels in <see cref="TotalCountHeader"/>.
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<IncidentSummary>>, ProblemHttpResult, ValidationProblem>> ListAsync(
        HttpContext http, IncidentReader reader, string? status, string? severity, string? service, bool? open, int? limit, string? q, int? page, CancellationToken ct) =>
        Problems.From(await reader.ListAsync(new IncidentQuery(status, severity, service, open, limit, q, page), ct), list =>
        {
            http.Response.Headers[TotalCountHeader] = list.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Ok(list.Incidents);
        });

    public const string TotalCountHeader = "X-Total-Count";

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult, ValidationProblem>> GetAsync(IncidentReader reader, string reference, CancellationToken ct) =>
        Problems.From(await reader.GetAsync(reference, ct), TypedResults.Ok);

    private static async Task<Results<Ok<IReadOnlyList<TimelineEntryDto>>, ProblemHttpResult, ValidationProblem>> TimelineAsync(IncidentReader reader, string reference, CancellationToken ct) =>
        Problems.From(await reader.GetAsync(reference, ct), d => TypedResults.Ok(d.Timeline));

    private static async Task<Results<Created<IncidentDetail>, ProblemHttpResult, ValidationProblem>> DeclareAsync(HttpContext http, IncidentService incidents, Body<DeclareIncidentRequest> body, CancellationToken ct)
    {
        var outcome = await incidents.DeclareAsync(Actor.FromHttp(http), body.Value, ct);
        return Problems.From(outcome, d => TypedResults.Created($"/api/v1/incidents/{d.Slug}", d));
    }

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult, ValidationProblem>> AcknowledgeAsync(HttpContext http, IncidentService incidents, string reference, CancellationToken ct) =>
        Problems.From(await incidents.AcknowledgeAsync(Actor.FromHttp(http), reference, ct), TypedResults.Ok);

    // The body is optional here: `resolve` with no note is the common case at 3 a.m.
    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult, ValidationProblem>> ResolveAsync(HttpContext http, IncidentService incidents, string reference, OptionalBody<ResolveRequest> body, CancellationToken ct) =>
        Problems.From(await incidents.ResolveAsync(Actor.FromHttp(http), reference, body.Value ?? new ResolveRequest(), ct), TypedResults.Ok);

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult, ValidationProblem>> ImpactStartAsync(HttpContext http, IncidentService incidents, string reference, Body<ImpactStartRequest> body, CancellationToken ct) =>
        Problems.From(await incidents.SetImpactStartAsync(Actor.FromHttp(http), reference, body.Value, ct), TypedResults.Ok);

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult, ValidationProblem>> StatusAsync(HttpContext http, IncidentService incidents, string reference, Body<StatusChangeRequest> body, CancellationToken ct) =>
        Problems.From(await incidents.ChangeStatusAsync(Actor.FromHttp(http), reference, body.Value, ct), TypedResults.Ok);

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult, ValidationProblem>> SeverityAsync(HttpContext http, IncidentService incidents, string reference, Body<SeverityChangeRequest> body, CancellationToken ct) =>
        Problems.From(await incidents.ChangeSeverityAsync(Actor.FromHttp(http), reference, body.Value, ct), TypedResults.Ok);

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult, ValidationProblem>> RolesAsync(HttpContext http, IncidentService incidents, string reference, Body<RoleAssignmentRequest> body, CancellationToken ct) =>
        Problems.From(await incidents.AssignRoleAsync(Actor.FromHttp(http), reference, body.Value, ct), TypedResults.Ok);

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult, ValidationProblem>> NotesAsync(HttpContext http, IncidentService incidents, string reference, Body<NoteRequest> body, CancellationToken ct) =>
        Problems.From(await incidents.AddNoteAsync(Actor.FromHttp(http), reference, body.Value, ct), TypedResults.Ok);

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult, ValidationProblem>> ChecklistAsync(HttpContext http, IncidentService incidents, string reference, long itemId, Body<ChecklistUpdateRequest> body, CancellationToken ct) =>
        Problems.From(await incidents.SetChecklistItemAsync(Actor.FromHttp(http), reference, itemId, body.Value, ct), TypedResults.Ok);
}
