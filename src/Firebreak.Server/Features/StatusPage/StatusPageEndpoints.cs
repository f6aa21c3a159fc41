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
        // The public page and its Statuspage-compatible API: no sign-in, served from memory.
        var pub = app.MapGroup("/status").WithTags("Status page").AllowAnonymous();
        pub.MapGet("/", async (HttpContext http, StatusSnapshot snapshot, CancellationToken ct) => Serve(http, (await snapshot.CurrentAsync(ct)).Html));
        pub.MapGet("/api/v2/{document}.json", async (HttpContext http, string document, StatusSnapshot snapshot, CancellationToken ct) =>
            (await snapshot.CurrentAsync(ct)).Json(document) is { } doc
                ? Serve(http, doc)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: $"No status document '{document}.json'; there are summary.json, status.json and components.json."));

        var api = app.MapGroup("/api/v1/status-components").WithTags("Status page").RequireAuthorization(Policies.Viewer);
        api.MapGet("/", async (StatusComponentService components, CancellationToken ct) => TypedResults.Ok(await components.ListAsync(ct)));
        api.MapPut("/{key}/status", async (HttpContext http, string key, StatusComponentService components, Body<SetComponentStatusRequest> body, CancellationToken ct) =>
            Problems.From(await components.SetStatusAsync(Actor.FromHttp(http), key, body.Value, ct), TypedResults.Ok)).RequireAuthorization(Policies.Responder);
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
