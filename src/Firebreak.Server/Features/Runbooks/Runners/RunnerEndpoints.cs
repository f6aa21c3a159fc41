using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.Runbooks.Runners;

public static class RunnerEndpoints
{
    /// <summary>The longest a poll is held open when there is no job: below the idle timeouts of common proxies.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(25);

    // Catches jobs another server node wrote, whose save this node's signal never saw.
    private static readonly TimeSpan s_recheck = TimeSpan.FromSeconds(5);

    public static void MapRunnerApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/runners").WithTags("Runbooks").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", async (RunnerRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.ListAsync(ct)));
        admin.MapPost("/", async (HttpContext http, RunnerRegistry registry, Body<CreateRunnerRequest> body, CancellationToken ct) =>
            Problems.From(await registry.CreateAsync(Actor.FromHttp(http), body.Value, ct), c => TypedResults.Created($"/api/v1/runners/{c.Runner.Name}", c)));
        admin.MapDelete("/{name}", async (HttpContext http, string name, RunnerRegistry registry, CancellationToken ct) =>
            Problems.From(await registry.RemoveAsync(Actor.FromHttp(http), name, ct), TypedResults.Ok));

        app.MapPost("/api/v1/runbook-runs/{id:long}/steps/{number:int}/cancel", async (HttpContext http, long id, int number, RunnerDispatch dispatch, CancellationToken ct) =>
            Problems.From(await dispatch.CancelAsync(Actor.FromHttp(http), id, number, ct), TypedResults.Ok))
            .WithTags("Runbooks").RequireAuthorization(Policies.Responder);

        // A runner is no user: it proves itself with its own token on every call, checked here, and can only take jobs and report on them.
        var runner = app.MapGroup("/api/v1/runner").WithTags("Runbooks").AllowAnonymous();
        runner.MapPost("/poll", PollAsync);
        runner.MapPost("/jobs/{id:long}/output", OutputAsync);
        runner.MapPost("/jobs/{id:long}/done", DoneAsync);
    }

    /// <summary>Answers with a job as soon as there is one for this runner, or 204 after <c>wait</c> seconds (at most 25).</summary>
    private static async Task<Results<Ok<RunnerJobDto>, NoContent, ProblemHttpResult>> PollAsync(
        HttpContext http, RunnerRegistry registry, RunnerDispatch dispatch, RunnerSignal signal, IHostApplicationLifetime lifetime, int? wait, CancellationToken ct)
    {
        if (await registry.AuthenticateAsync(Token(http), ct) is not { } runner)
        {
            return Unauthorized(http);
        }

        var hold = TimeSpan.FromSeconds(Math.Clamp(wait ?? (int)MaxHold.TotalSeconds, 0, (int)MaxHold.TotalSeconds));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        // Wall time, not the server's clock: this bounds an open connection, and a test's frozen clock must not hold it forever.
        stop.CancelAfter(hold);
        while (true)
        {
            var next = signal.Next;
            if (await dispatch.ClaimAsync(runner, ct) is { } job)
            {
                return TypedResults.Ok(job);
            }

            try
            {
                await next.WaitAsync(s_recheck, stop.Token);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                return TypedResults.NoContent();
            }
        }
    }

    private static async Task<Results<Ok<JobOutputAnswer>, ProblemHttpResult, ValidationProblem>> OutputAsync(
        HttpContext http, long id, RunnerRegistry registry, RunnerDispatch dispatch, Body<JobOutputRequest> body, CancellationToken ct) =>
        await registry.AuthenticateAsync(Token(http), ct) is { } runner
            ? Problems.From(await dispatch.OutputAsync(runner, id, body.Value, ct), TypedResults.Ok)
            : Unauthorized(http);

    private static async Task<Results<Ok<Runs.StepResultDto>, ProblemHttpResult, ValidationProblem>> DoneAsync(
        HttpContext http, long id, RunnerRegistry registry, RunnerDispatch dispatch, Body<JobDoneRequest> body, CancellationToken ct) =>
        await registry.AuthenticateAsync(Token(http), ct) is { } runner
            ? Problems.From(await dispatch.DoneAsync(runner, id, body.Value, http.Connection.RemoteIpAddress?.ToString(), ct), TypedResults.Ok)
            : Unauthorized(http);

    private static string? Token(HttpContext http)
    {
        string? header = http.Request.Headers.Authorization;
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static ProblemHttpResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            "The runner token is unknown or its runner was removed. An admin registers a runner with 'firebreak runners add NAME --label key=value', which prints its token once.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }
}
