using System.Net;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Notifications;

/// <summary>
/// The acknowledge link in every notification. Opening it shows the incident and one button; only the button's POST
/// acknowledges, because mail scanners and chat link previews fetch links on their own. The signed token is the
/// credential (a phone at 3 a.m. has no session), and the acknowledgement is recorded as the person it was sent to.
/// </summary>
public static class AckLinkEndpoints
{
    public static void MapAckLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ack/{token}", ShowAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/ack/{token}", AcknowledgeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task<IResult> ShowAsync(string token, PublicLinks links, FirebreakDb db, TimeProvider clock, CancellationToken ct)
    {
        var grant = await links.ReadAckTokenAsync(token, clock.GetUtcNow(), ct);
        var incident = grant is null ? null : await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == grant.IncidentId, ct);
        if (incident is null)
        {
            return Page("Link not valid", "<p>This acknowledge link is not valid or has expired. Open the incident in Firebreak instead.</p>", StatusCodes.Status404NotFound);
        }

        var title = WebUtility.HtmlEncode($"#{incident.Number} {incident.Title}");
        if (await RefusalAsync(db, grant!.UserId, ct) is { } refusal)
        {
            return Page("Cannot acknowledge", $"<p><strong>{title}</strong>: {WebUtility.HtmlEncode(refusal)}</p>"
                + $"<p><a href=\"{links.Incident(incident.Number)}\">Open the incident</a></p>", StatusCodes.Status403Forbidden);
        }

        var body = !incident.AwaitingAcknowledgement
            ? $"<p><strong>{title}</strong> ({incident.SeverityKey}) {Answered(incident)}</p>"
            : $"""
               <p><strong>{title}</strong> ({incident.SeverityKey}, {incident.Status.ToString().ToLowerInvariant()})</p>
               <form method="post"><button type="submit" id="acknowledge">Acknowledge</button></form>
               """;
        return Page("Acknowledge incident", body + $"""<p><a href="{links.Incident(incident.Number)}">Open the incident</a></p>""", StatusCodes.Status200OK);
    }

    private static async Task<IResult> AcknowledgeAsync(HttpContext http, string token, PublicLinks links, FirebreakDb db, IncidentService incidents, TimeProvider clock, CancellationToken ct)
    {
        var grant = await links.ReadAckTokenAsync(token, clock.GetUtcNow(), ct);
        var user = grant is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == grant.UserId && !u.Disabled, ct);
        var incident = grant is null ? null : await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == grant.IncidentId, ct);
        if (user is null || incident is null)
        {
            return Page("Link not valid", "<p>This acknowledge link is not valid or has expired. Open the incident in Firebreak instead.</p>", StatusCodes.Status404NotFound);
        }

        // The link carries who it was sent to, not what they may do: their role now decides, as a sign-in would.
        if (await RefusalAsync(db, user.Id, ct) is { } refusal)
        {
            return Page("Cannot acknowledge", $"<p>{WebUtility.HtmlEncode(refusal)}</p>", StatusCodes.Status403Forbidden);
        }

        var actor = new Actor("user", user.Id, user.Username, http.Connection.RemoteIpAddress?.ToString());
        var title = WebUtility.HtmlEncode($"#{incident.Number} {incident.Title}");
        if (!incident.AwaitingAcknowledgement)
        {
            return Page("Already acknowledged", $"<p><strong>{title}</strong> {Answered(incident)}</p>", StatusCodes.Status200OK);
        }

        var outcome = await incidents.AcknowledgeAsync(actor, incident.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        return outcome.IsOk
            ? Page("Acknowledged", $"<p id=\"acknowledged\">You acknowledged <strong>{title}</strong>. Nobody else will be paged for it.</p><p><a href=\"{links.Incident(incident.Number)}\">Open the incident</a></p>", StatusCodes.Status200OK)
            : Page("Not acknowledged", $"<p>{WebUtility.HtmlEncode(outcome.Error ?? "The incident could not be acknowledged.")}</p>", StatusCodes.Status409Conflict);
    }

    private static string Answered(Incident incident) => incident.Status.IsOpen()
        ? "was already acknowledged."
        : $"is already {incident.Status.ToWire()}; there is nothing to acknowledge.";

    /// <summary>Why the person a link was sent to may not acknowledge now, or null when they may.</summary>
    private static async Task<string?> RefusalAsync(FirebreakDb db, long userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        return user is null || user.Disabled ? "this link was sent to an account that is no longer active."
            : !PagingEligibility.CanBePaged(user.Role) ? $"{user.Username} is a viewer now; only responders and admins can acknowledge."
            : null;
    }

    private static IResult Page(string title, string body, int status) => Results.Content(
        $$"""
         <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
         <title>{{title}} · Firebreak</title>
         <style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{font-size:1.2rem;padding:.6rem 1.4rem}</style>
         </head><body><h1>{{title}}</h1>{{body}}</body></html>
         """, "text/html; charset=utf-8", statusCode: status);
}
