using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;

namespace Firebreak.Server.Features.Incidents;

public static class IncidentEndpoints
{
    public static void MapIncidentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization(Policies.Viewer);
        api.MapGet("/", ListAsync).Produces<IReadOnlyList<IncidentSummary>>();
        api.MapGet("/{reference}", GetAsync).Produces<IncidentDetail>();
        api.MapGet("/{reference}/timeline", TimelineAsync).Produces<IReadOnlyList<TimelineEntryDto>>();

        var write = api.MapGroup("/").RequireAuthorization(Policies.Responder);
        write.MapPost("/", DeclareAsync).Accepts<DeclareIncidentRequest>("application/json").Produces<IncidentDetail>(StatusCodes.Status201Created);
        write.MapPost("/{reference}/acknowledge", AcknowledgeAsync).Produces<IncidentDetail>();
        write.MapPost("/{reference}/resolve", ResolveAsync).Accepts<NoteRequest>("application/json").Produces<IncidentDetail>();
        write.MapPost("/{reference}/status", StatusAsync).Accepts<StatusChangeRequest>("application/json").Produces<IncidentDetail>();
        write.MapPost("/{reference}/severity", SeverityAsync).Accepts<SeverityChangeRequest>("application/json").Produces<IncidentDetail>();
        write.MapPost("/{reference}/roles", RolesAsync).Accepts<RoleAssignmentRequest>("application/json").Produces<IncidentDetail>();
        write.MapPost("/{reference}/notes", NotesAsync).Accepts<NoteRequest>("application/json").Produces<IncidentDetail>();
        write.MapPatch("/{reference}/checklist/{itemId:long}", ChecklistAsync).Accepts<ChecklistUpdateRequest>("application/json").Produces<IncidentDetail>();
    }

    private static async Task<IResult> ListAsync(
        IncidentReader reader, string? status, string? severity, string? service, bool? open, int? limit, CancellationToken ct) =>
        Problems.From(await reader.ListAsync(new IncidentQuery(status, severity, service, open, limit), ct), TypedResults.Ok);

    private static async Task<IResult> GetAsync(IncidentReader reader, string reference, CancellationToken ct) =>
        Problems.From(await reader.GetAsync(reference, ct), TypedResults.Ok);

    private static async Task<IResult> TimelineAsync(IncidentReader reader, string reference, CancellationToken ct) =>
        Problems.From(await reader.GetAsync(reference, ct), d => TypedResults.Ok(d.Timeline));

    private static async Task<IResult> DeclareAsync(HttpContext http, IncidentService incidents, CancellationToken ct)
    {
        var (request, problem) = await JsonBody.ReadAsync<DeclareIncidentRequest>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await incidents.DeclareAsync(Actor.FromHttp(http), request!, ct);
        return Problems.From(outcome, d => TypedResults.Created($"/api/v1/incidents/{d.Slug}", d));
    }

    private static async Task<IResult> AcknowledgeAsync(HttpContext http, IncidentService incidents, string reference, CancellationToken ct) =>
        Problems.From(await incidents.AcknowledgeAsync(Actor.FromHttp(http), reference, ct), TypedResults.Ok);

    private static async Task<IResult> ResolveAsync(HttpContext http, IncidentService incidents, string reference, CancellationToken ct)
    {
        // The body is optional here: `resolve` with no note is the common case at 3 a.m.
        NoteRequest? request = new(null);
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync<NoteRequest>(http.Request, ct);
            if (problem is not null)
            {
                return problem;
            }

            request = body;
        }

        return Problems.From(await incidents.ResolveAsync(Actor.FromHttp(http), reference, request!.Text, ct), TypedResults.Ok);
    }

    private static Task<IResult> StatusAsync(HttpContext http, IncidentService incidents, string reference, CancellationToken ct) =>
        WithBodyAsync<StatusChangeRequest>(http, r => incidents.ChangeStatusAsync(Actor.FromHttp(http), reference, r, ct), ct);

    private static Task<IResult> SeverityAsync(HttpContext http, IncidentService incidents, string reference, CancellationToken ct) =>
        WithBodyAsync<SeverityChangeRequest>(http, r => incidents.ChangeSeverityAsync(Actor.FromHttp(http), reference, r, ct), ct);

    private static Task<IResult> RolesAsync(HttpContext http, IncidentService incidents, string reference, CancellationToken ct) =>
        WithBodyAsync<RoleAssignmentRequest>(http, r => incidents.AssignRoleAsync(Actor.FromHttp(http), reference, r, ct), ct);

    private static Task<IResult> NotesAsync(HttpContext http, IncidentService incidents, string reference, CancellationToken ct) =>
        WithBodyAsync<NoteRequest>(http, r => incidents.AddNoteAsync(Actor.FromHttp(http), reference, r, ct), ct);

    private static Task<IResult> ChecklistAsync(HttpContext http, IncidentService incidents, string reference, long itemId, CancellationToken ct) =>
        WithBodyAsync<ChecklistUpdateRequest>(http, r => incidents.SetChecklistItemAsync(Actor.FromHttp(http), reference, itemId, r, ct), ct);

    private static async Task<IResult> WithBodyAsync<T>(HttpContext http, Func<T, Task<Outcome<IncidentDetail>>> command, CancellationToken ct)
        where T : class
    {
        var (request, problem) = await JsonBody.ReadAsync<T>(http.Request, ct);
        return problem ?? Problems.From(await command(request!), TypedResults.Ok);
    }
}
