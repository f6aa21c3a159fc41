using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.OnCall;

/// <summary>A feed's address, to paste into a calendar app.</summary>
public sealed record CalendarFeedDto(string Url);

/// <summary>
/// iCalendar feeds at secret URLs (no sign-in: calendar apps cannot), and the API that hands the URLs out to
/// signed-in callers. A wrong token answers 404, the same as a missing schedule, so URLs cannot be probed.
/// </summary>
public static class ScheduleFeedEndpoints
{
    private const string CalendarType = "text/calendar; charset=utf-8";

    public static void MapScheduleFeedApi(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/calendars").WithTags("On-call").AllowAnonymous().ExcludeFromDescription();
        feeds.MapGet("/schedules/{key}/{token}.ics", ScheduleFeedAsync);
        feeds.MapGet("/users/{username}/{token}.ics", UserFeedAsync);

        app.MapGet("/api/v1/me/calendar", async (HttpContext http, FeedTokens tokens, CancellationToken ct) =>
        {
            var me = Actor.FromHttp(http);
            var token = await tokens.TokenForAsync(FeedTokens.UserSubject(me.Name), me.UserId!.Value, ct);
            return TypedResults.Ok(new CalendarFeedDto(Absolute(http, FeedTokens.UserPath(me.Name, token))));
        }).WithTags("On-call").RequireAuthorization(Policies.Viewer);

        // Responders and admins only: the URL lets anyone who has it read the schedule without signing in.
        app.MapGet("/api/v1/schedules/{key}/calendar", async (HttpContext http, string key, ScheduleService svc, FeedTokens tokens, CancellationToken ct) =>
        {
            var found = await svc.GetAsync(key, ct);
            var token = found.IsOk ? await tokens.TokenForAsync(FeedTokens.ScheduleSubject(key), Actor.FromHttp(http).UserId!.Value, ct) : "";
            return Problems.From(found, _ => TypedResults.Ok(new CalendarFeedDto(Absolute(http, FeedTokens.SchedulePath(key, token)))));
        }).WithTags("On-call").RequireAuthorization(Policies.Responder);
    }

    // The URL lives as long as the person it was given to may still be handed it: enabled, and not a viewer.
    private static async Task<IResult> ScheduleFeedAsync(string key, string token, FeedTokens tokens, ScheduleService svc, FirebreakDb db, CancellationToken ct) =>
        await tokens.VerifyAsync(FeedTokens.ScheduleSubject(key), token, ct) is { } holder
        && await db.Users.AnyAsync(u => u.Id == holder && !u.Disabled && u.Role != Role.Viewer, ct)
        && await svc.ScheduleFeedAsync(key, ct) is { } ics
            ? (IResult)TypedResults.Text(ics, CalendarType)
            : NotFound();

    private static async Task<IResult> UserFeedAsync(string username, string token, FeedTokens tokens, ScheduleService svc, FirebreakDb db, CancellationToken ct) =>
        await tokens.VerifyAsync(FeedTokens.UserSubject(username), token, ct) is { } holder
        && await db.Users.AnyAsync(u => u.Id == holder && u.Username == username && !u.Disabled, ct)
            ? (IResult)TypedResults.Text(await svc.UserFeedAsync(username, ct), CalendarType)
            : NotFound();

    private static ProblemHttpResult NotFound() => TypedResults.Problem("No such calendar.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static string Absolute(HttpContext http, string path) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{path}";
}
