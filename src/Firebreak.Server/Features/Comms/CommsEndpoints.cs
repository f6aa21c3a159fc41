using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;

namespace Firebreak.Server.Features.Comms;

public static class CommsEndpoints
{
    public static void MapCommsApi(this IEndpointRouteBuilder app)
    {
        var incident = app.MapGroup("/api/v1/incidents/{reference}").WithTags("Comms").RequireAuthorization(Policies.Viewer);
        incident.MapGet("/updates", async (string reference, StatusUpdateService updates, CancellationToken ct) =>
            Problems.From(await updates.ListAsync(reference, ct), TypedResults.Ok));
        incident.MapGet("/comms/preview", async (string reference, string? kind, string? text, CommsRenderer renderer, CancellationToken ct) =>
            Problems.From(await renderer.PreviewAsync(reference, kind, text, ct), TypedResults.Ok));
        incident.MapPost("/updates", async (HttpContext http, string reference, StatusUpdateService updates, Body<StatusUpdateRequest> body, CancellationToken ct) =>
            Problems.From(await updates.PostAsync(Actor.FromHttp(http), reference, body.Value, ct), u => TypedResults.Created($"/api/v1/incidents/{u.Incident}/updates", u)))
            .RequireAuthorization(Policies.Responder);
    }
}
