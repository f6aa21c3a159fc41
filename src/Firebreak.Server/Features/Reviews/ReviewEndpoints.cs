using Firebreak.Server.Features.ActionItems;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.Reviews;

public static class ReviewEndpoints
{
    public static void MapReviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reviews", async (string? status, ReviewService reviews, CancellationToken ct) =>
            Problems.From(await reviews.ListAsync(status, ct), TypedResults.Ok))
            .WithTags("Reviews").RequireAuthorization(Policies.Viewer);

        var review = app.MapGroup("/api/v1/incidents/{reference}").WithTags("Reviews").RequireAuthorization(Policies.Viewer);
        review.MapGet("/review", async (string reference, ReviewService reviews, CancellationToken ct) =>
            Problems.From(await reviews.GetAsync(reference, ct), TypedResults.Ok));
        review.MapGet("/review.md", MarkdownAsync);
        review.MapPost("/review", async (HttpContext http, string reference, ReviewService reviews, CancellationToken ct) =>
            Problems.From(await reviews.StartAsync(Actor.FromHttp(http), reference, ct), r => TypedResults.Created($"/api/v1/incidents/{r.Incident.Number}/review", r)))
            .RequireAuthorization(Policies.Responder);
        review.MapPut("/review", async (HttpContext http, string reference, ReviewService reviews, Body<ReviewUpdateRequest> body, CancellationToken ct) =>
            Problems.From(await reviews.SaveAsync(Actor.FromHttp(http), reference, body.Value, ct), TypedResults.Ok))
            .RequireAuthorization(Policies.Responder);
        review.MapPost("/review/submit", async (HttpContext http, string reference, ReviewService reviews, CancellationToken ct) =>
            Problems.From(await reviews.SubmitAsync(Actor.FromHttp(http), reference, ct), TypedResults.Ok))
            .RequireAuthorization(Policies.Responder);
        review.MapPost("/review/action-items", async (HttpContext http, string reference, ReviewActionItems items, Body<ReviewActionItemRequest> body, CancellationToken ct) =>
            Problems.From(await items.AddAsync(Actor.FromHttp(http), reference, body.Value, ct), a => TypedResults.Created($"/api/v1/action-items/{a.Key}", a)))
            .RequireAuthorization(Policies.Responder);
        // Responders may ask; the service lets only the incident's commander or an admin through.
        review.MapPost("/review/publish", async (HttpContext http, string reference, ReviewService reviews, CancellationToken ct) =>
            Problems.From(await reviews.PublishAsync(Actor.FromHttp(http), reference, ct), TypedResults.Ok))
            .RequireAuthorization(Policies.Responder);
    }

    /// <summary>The Markdown export for the signed-in browser, which the bearer-only API would refuse.</summary>
    public static void MapReviewDownload(this IEndpointRouteBuilder app) =>
        app.MapGet("/incidents/{reference}/review.md", MarkdownAsync).RequireAuthorization(Policies.UiViewer).ExcludeFromDescription();

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> MarkdownAsync(
        string reference, ReviewService reviews, CancellationToken ct) =>
        Problems.From(await reviews.GetAsync(reference, ct), r => TypedResults.Text(ReviewMarkdown.Render(r), "text/markdown; charset=utf-8"));
}
