using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Comms.Stakeholders;
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

        // Messages to stakeholders; held ones (external, while the incident's external communication needs approval)
        // go when the commander or an admin approves them, checked against their role now as public updates are.
        incident.MapGet("/stakeholder-sends", async (string reference, StakeholderSendService sends, CancellationToken ct) =>
            Problems.From(await sends.ListAsync(reference, ct), TypedResults.Ok));
        incident.MapPost("/stakeholder-sends/{id:guid}/approve", async (HttpContext http, string reference, Guid id, StakeholderSendService sends, CancellationToken ct) =>
            Problems.From(await sends.ApproveAsync(Actor.FromHttp(http), http.User.IsInRole(RoleNames.Admin), reference, id, ct), TypedResults.Ok))
            .RequireAuthorization(Policies.Responder);
        incident.MapPost("/stakeholder-sends/approve-held", async (HttpContext http, string reference, StakeholderSendService sends, CancellationToken ct) =>
            Problems.From(await sends.ApproveAsync(Actor.FromHttp(http), http.User.IsInRole(RoleNames.Admin), reference, null, ct), TypedResults.Ok))
            .RequireAuthorization(Policies.Responder);
    }
}
