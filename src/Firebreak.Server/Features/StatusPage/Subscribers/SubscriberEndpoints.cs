using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage.Subscribers;

/// <summary>
/// Subscribing from the public page, the links in the emails, and the admins' list. The public forms carry no
/// antiforgery token: subscribing only sends a confirmation to the address given, and confirming or unsubscribing
/// needs the token from that address's own email (mail clients' one-click unsubscribe posts with no page at all).
/// </summary>
public static class SubscriberEndpoints
{
    public static void MapStatusSubscribers(this IEndpointRouteBuilder app)
    {
        var pub = app.MapGroup("/status").WithTags("Status page").AllowAnonymous().ExcludeFromDescription();
        pub.MapGet("/subscribe", async (StatusPageOptions options, FirebreakDb db, CancellationToken ct) =>
            SubscriberPages.Form(options, await ComponentsAsync(db, ct)));
        pub.MapPost("/subscribe", SubscribeAsync).DisableAntiforgery();
        pub.MapGet("/subscribers/confirm", async (string? token, SubscriberService subscribers, StatusPageOptions options, CancellationToken ct) =>
            await subscribers.FindAsync(token, ct) is null
                ? SubscriberPages.NotValid(options)
                : SubscriberPages.Ask(options, "Confirm your subscription", "Press Confirm to start getting status emails at this address.", $"confirm?token={token}", "Confirm"));
        pub.MapPost("/subscribers/confirm", async (HttpContext http, string? token, SubscriberService subscribers, StatusPageOptions options, CancellationToken ct) =>
            await subscribers.ConfirmAsync(Actor.FromHttp(http), token, ct) is null
                ? SubscriberPages.NotValid(options)
                : SubscriberPages.Done(options, "Subscribed", "You will get an email when a component you chose changes status. Every email has a link to stop them.")).DisableAntiforgery();
        pub.MapGet("/subscribers/unsubscribe", async (string? token, SubscriberService subscribers, StatusPageOptions options, CancellationToken ct) =>
            await subscribers.FindAsync(token, ct) is null
                ? SubscriberPages.NotValid(options)
                : SubscriberPages.Ask(options, "Unsubscribe", "Press Unsubscribe to stop status emails to this address.", $"unsubscribe?token={token}", "Unsubscribe"));
        pub.MapPost("/subscribers/unsubscribe", async (HttpContext http, string? token, SubscriberService subscribers, StatusPageOptions options, CancellationToken ct) =>
            await subscribers.UnsubscribeAsync(Actor.FromHttp(http), token, ct)
                ? SubscriberPages.Done(options, "Unsubscribed", "No more status emails will be sent to this address.")
                : SubscriberPages.NotValid(options)).DisableAntiforgery();

        // Addresses are personal data: admins only, and never on a public page or document.
        var api = app.MapGroup("/api/v1/status-subscribers").WithTags("Status page").RequireAuthorization(Policies.Admin);
        api.MapGet("/", async (SubscriberService subscribers, CancellationToken ct) => TypedResults.Ok(await subscribers.ListAsync(ct)));
        // Webhook subscribers send requests out, so only admins make them, under the outbound rules; the secret is shown once.
        api.MapPost("/", async (HttpContext http, WebhookSubscriberService webhooks, Body<CreateStatusSubscriberRequest> body, CancellationToken ct) =>
            Problems.From(await webhooks.CreateAsync(Actor.FromHttp(http), body.Value, ct), s => TypedResults.Created($"/api/v1/status-subscribers/webhooks/{s.Id}", s)));
        api.MapGet("/webhooks", async (WebhookSubscriberService webhooks, CancellationToken ct) => TypedResults.Ok(await webhooks.ListAsync(ct)));
        api.MapDelete("/webhooks/{id:long}", async (HttpContext http, long id, WebhookSubscriberService webhooks, CancellationToken ct) =>
            Problems.From(await webhooks.DeleteAsync(Actor.FromHttp(http), id, ct), _ => TypedResults.NoContent()));
        api.MapDelete("/{id:long}", async (HttpContext http, long id, SubscriberService subscribers, CancellationToken ct) =>
            Problems.From(await subscribers.DeleteAsync(Actor.FromHttp(http), id, ct), _ => TypedResults.NoContent()));
    }

    private static async Task<IResult> SubscribeAsync(HttpContext http, SubscriberService subscribers, StatusPageOptions options, FirebreakDb db, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return SubscriberPages.Form(options, await ComponentsAsync(db, ct), error: "Send the form on this page (an HTML form post).");
        }

        var form = await http.Request.ReadFormAsync(ct);
        var email = form["email"].ToString();
        string[] chosen = [.. form["component"].OfType<string>()];
        var outcome = await subscribers.SubscribeAsync(Actor.FromHttp(http), email, chosen, ct);
        return outcome.Kind == OutcomeKind.Ok
            ? SubscriberPages.Sent(options)
            : SubscriberPages.Form(options, await ComponentsAsync(db, ct), email, chosen, outcome.FieldErrors?.Values.SelectMany(e => e).FirstOrDefault() ?? outcome.Error);
    }

    private static async Task<IReadOnlyList<StatusComponent>> ComponentsAsync(FirebreakDb db, CancellationToken ct) =>
        [.. (await db.StatusComponents.AsNoTracking().ToListAsync(ct)).Sorted()];
}
