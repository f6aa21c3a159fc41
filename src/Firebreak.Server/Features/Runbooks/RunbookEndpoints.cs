using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;

namespace Firebreak.Server.Features.Runbooks;

public static class RunbookEndpoints
{
    public static void MapRunbookApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/runbooks").WithTags("Runbooks").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", async (RunbookCatalog catalog, CancellationToken ct) => TypedResults.Ok(await catalog.ListAsync(ct)));
        group.MapGet("/{key}", async (string key, RunbookCatalog catalog, CancellationToken ct) => Problems.From(await catalog.GetAsync(key, ct), TypedResults.Ok));
        app.MapGet("/api/v1/incidents/{number:int}/runbooks", async (int number, RunbookCatalog catalog, CancellationToken ct) =>
            Problems.From(await catalog.ForIncidentAsync(number, ct), TypedResults.Ok)).WithTags("Runbooks").RequireAuthorization(Policies.Viewer);
    }
}
