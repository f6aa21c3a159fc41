using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;

namespace Firebreak.Server.Features.Notifications;

/// <summary>
/// Contact methods and notification rules: everyone manages their own under /me (a viewer may be paged too), admins
/// anyone's under /users/{username}.
/// </summary>
public static class ContactEndpoints
{
    public static void MapContactApi(this IEndpointRouteBuilder app)
    {
        Map(app.MapGroup("/api/v1/me").WithTags("Notifications").RequireAuthorization(Policies.Viewer), http => http.User.Identity?.Name ?? "");
        Map(app.MapGroup("/api/v1/users/{username}").WithTags("Notifications").RequireAuthorization(Policies.Admin), http => (string)http.Request.RouteValues["username"]!);
    }

    private static void Map(RouteGroupBuilder group, Func<HttpContext, string> who)
    {
        group.MapGet("/contact-methods", async (HttpContext http, ContactService svc, CancellationToken ct) =>
            Problems.From(await svc.ListAsync(who(http), ct), TypedResults.Ok));
        group.MapPost("/contact-methods", async (HttpContext http, ContactService svc, Body<ContactMethodRequest> body, CancellationToken ct) =>
            Problems.From(await svc.AddAsync(Actor.FromHttp(http), who(http), body.Value, ct), m => TypedResults.Created($"contact-methods/{m.Id}", m)));
        group.MapDelete("/contact-methods/{id:long}", async (HttpContext http, long id, ContactService svc, CancellationToken ct) =>
            Problems.From(await svc.RemoveAsync(Actor.FromHttp(http), who(http), id, ct), TypedResults.Ok));
        group.MapPost("/contact-methods/{id:long}/test", async (HttpContext http, long id, ContactService svc, CancellationToken ct) =>
            Problems.From(await svc.TestAsync(Actor.FromHttp(http), who(http), id, ct), t => TypedResults.Accepted($"deliveries/{t.Delivery}", t)));
        group.MapGet("/deliveries/{id:guid}", async (HttpContext http, Guid id, ContactService svc, CancellationToken ct) =>
            Problems.From(await svc.DeliveryStatusAsync(who(http), id, ct), TypedResults.Ok));
        group.MapGet("/notification-rules", async (HttpContext http, ContactService svc, CancellationToken ct) =>
            Problems.From(await svc.RulesAsync(who(http), ct), TypedResults.Ok));
        group.MapPut("/notification-rules", async (HttpContext http, ContactService svc, Body<NotificationRulesRequest> body, CancellationToken ct) =>
            Problems.From(await svc.SetRulesAsync(Actor.FromHttp(http), who(http), body.Value, ct), TypedResults.Ok));
    }
}
