using System.Globalization;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.ActionItems;

public static class ActionItemEndpoints
{
    public const string TotalCountHeader = "X-Total-Count";

    public static void MapActionItemApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/action-items").WithTags("Action items").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", ListAsync);
        group.MapGet("/{key}", async (string key, ActionItemService items, CancellationToken ct) => Problems.From(await items.GetAsync(key, ct), TypedResults.Ok));
        group.MapPost("/", async (HttpContext http, ActionItemService items, Body<CreateActionItemRequest> body, CancellationToken ct) =>
            Problems.From(await items.CreateAsync(Actor.FromHttp(http), body.Value, ct), d => TypedResults.Created($"/api/v1/action-items/{d.Key}", d)))
            .RequireAuthorization(Policies.Responder);
        group.MapPatch("/{key}", async (HttpContext http, string key, ActionItemService items, Body<UpdateActionItemRequest> body, CancellationToken ct) =>
            Problems.From(await items.UpdateAsync(Actor.FromHttp(http), key, body.Value, ct), TypedResults.Ok))
            .RequireAuthorization(Policies.Responder);

        // Beside the list rather than under it, where it would read as the follow-up keyed "export.csv".
        app.MapGet("/api/v1/action-items.csv", ExportAsync).WithTags("Action items").RequireAuthorization(Policies.Viewer);
    }

    private static async Task<Results<Ok<IReadOnlyList<ActionItemDto>>, ProblemHttpResult, ValidationProblem>> ListAsync(
        HttpContext http, ActionItemService items, string? owner, string? team, string? status, bool? overdue, string? incident, int? page, CancellationToken ct) =>
        Problems.From(await items.ListAsync(new ActionItemQuery(owner, team, status, overdue, incident, page), ct), found =>
        {
            http.Response.Headers[TotalCountHeader] = found.Total.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Ok(found.Items);
        });

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> ExportAsync(
        ActionItemService items, string? owner, string? team, string? status, bool? overdue, string? incident, CancellationToken ct) =>
        Problems.From(await items.ListAsync(new ActionItemQuery(owner, team, status, overdue, incident), ct, all: true), found =>
            TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ActionItemCsv.Write(found.Items)), "text/csv; charset=utf-8", "action-items.csv"));
}
