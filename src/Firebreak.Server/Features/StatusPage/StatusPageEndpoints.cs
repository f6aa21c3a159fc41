using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.Net.Http.Headers;

namespace Firebreak.Server.Features.StatusPage;

public static class StatusPageEndpoints
{
    // Readers and monitors poll; a short shared cache takes most of that off the server without hiding a change for long.
    private const string PublicCaching = "public, max-age=10";

    public static void MapStatusPage(this IEndpointRouteBuilder app)
    {
        // The public page and its Statuspage-compatible API: no sign-in, served from memory. Answered straight after
        // routing, as a static file would be: sign-in, authorization, rate limits, antiforgery and the HTTP metrics have
        // nothing to do for them, and skipping them is most of what it takes to serve readers arriving in thousands.
        var pub = app.MapGroup("/status").WithTags("Status page").AllowAnonymous();
        pub.ShortCircuit();
        pub.MapGet("/", async (HttpContext http, StatusSnapshot snapshot, CancellationToken ct) => Serve(http, (await snapshot.CurrentAsync(ct)).Html));
        pub.MapGet("/history.atom", async (HttpContext http, StatusSnapshot snapshot, CancellationToken ct) => Serve(http, (await snapshot.CurrentAsync(ct)).Atom));
        pub.MapGet("/api/v2/{document}.json", (HttpContext http, string document, StatusSnapshot snapshot, CancellationToken ct) => ServeJsonAsync(http, document, snapshot, ct));
        pub.MapGet("/api/v2/{folder}/{document}.json", (HttpContext http, string folder, string document, StatusSnapshot snapshot, CancellationToken ct) =>
            ServeJsonAsync(http, $"{folder}/{document}", snapshot, ct));

        var api = app.MapGroup("/api/v1/status-components").WithTags("Status page").RequireAuthorization(Policies.Viewer);
        api.MapGet("/", async (StatusComponentService components, CancellationToken ct) => TypedResults.Ok(await components.ListAsync(ct)));
        api.MapPut("/{key}/status", async (HttpContext http, string key, StatusComponentService components, Body<SetComponentStatusRequest> body, CancellationToken ct) =>
            Problems.From(await components.SetStatusAsync(Actor.FromHttp(http), key, body.Value, ct), TypedResults.Ok)).RequireAuthorization(Policies.Responder);

        // Public updates are posted from an incident; what they say is public once published, the rest stays inside.
        var updates = app.MapGroup("/api/v1/incidents/{reference}/public-updates").WithTags("Status page").RequireAuthorization(Policies.Viewer);
        updates.MapGet("/", async (string reference, PublicIncidentService svc, CancellationToken ct) => Problems.From(await svc.GetAsync(reference, ct), TypedResults.Ok));
        updates.MapPost("/", async (HttpContext http, string reference, PublicIncidentService svc, Body<PostPublicUpdateRequest> body, CancellationToken ct) =>
            Problems.From(await svc.PostAsync(Actor.FromHttp(http), reference, body.Value, ct), u => TypedResults.Created($"/api/v1/incidents/{reference}/public-updates", u)))
            .RequireAuthorization(Policies.Responder);
        updates.MapPost("/{id:long}/approve", async (HttpContext http, string reference, long id, PublicIncidentService svc, CancellationToken ct) =>
            Problems.From(await svc.ApproveAsync(Actor.FromHttp(http), http.User.IsInRole(RoleNames.Admin), reference, id, ct), TypedResults.Ok))
            .RequireAuthorization(Policies.Responder);
        updates.MapPut("/approval", async (HttpContext http, string reference, PublicIncidentService svc, Body<SetPublicApprovalRequest> body, CancellationToken ct) =>
            Problems.From(await svc.SetApprovalAsync(Actor.FromHttp(http), http.User.IsInRole(RoleNames.Admin), reference, body.Value, ct), TypedResults.Ok))
            .RequireAuthorization(Policies.Responder);
    }

    private static async Task<IResult> ServeJsonAsync(HttpContext http, string path, StatusSnapshot snapshot, CancellationToken ct)
    {
        var documents = await snapshot.CurrentAsync(ct);
        return documents.Json(path) is { } doc
            ? Serve(http, doc)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"No status document '{path}.json'; there are {string.Join(", ", documents.Api.Keys.Order(StringComparer.Ordinal).Select(k => k + ".json"))}.");
    }

    private static IResult Serve(HttpContext http, StatusDocument doc)
    {
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = EntityTagHeaderValue.Parse(doc.ETag);
        headers.LastModified = doc.LastModified;
        http.Response.Headers.CacheControl = PublicCaching;
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Count > 0 && ifNoneMatch.Any(t => t.Tag.Equals(doc.ETag, StringComparison.Ordinal) || t.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(doc.Body, doc.ContentType);
    }
}
