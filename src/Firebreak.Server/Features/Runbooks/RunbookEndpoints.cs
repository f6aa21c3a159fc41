using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Runbooks.Runs;
using Firebreak.Server.Features.Runbooks.Secrets;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.Runbooks;

public static class RunbookEndpoints
{
    public static void MapRunbookApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/runbooks").WithTags("Runbooks").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", async (RunbookCatalog catalog, CancellationToken ct) => TypedResults.Ok(await catalog.ListAsync(ct)));
        group.MapGet("/{key}", async (string key, RunbookCatalog catalog, CancellationToken ct) => Problems.From(await catalog.GetAsync(key, ct), TypedResults.Ok));
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{key}", async (HttpContext http, string key, RunbookEditor editor, RunbookTextBody body, CancellationToken ct) =>
            Problems.From(await editor.UpdateAsync(Actor.FromHttp(http), key, body.Value, ct), TypedResults.Ok)).RequireAuthorization(Policies.Admin);

        // Not under /runbooks/, where it would hide a runbook whose key is "missing".
        app.MapGet("/api/v1/missing-runbooks", async (MissingRunbooks missing, CancellationToken ct) => TypedResults.Ok(await missing.ListAsync(ct)))
            .WithTags("Runbooks").RequireAuthorization(Policies.Viewer);

        var incident = app.MapGroup("/api/v1/incidents/{reference}").WithTags("Runbooks").RequireAuthorization(Policies.Viewer);
        incident.MapGet("/runbooks", async (string reference, RunbookCatalog catalog, CancellationToken ct) =>
            Problems.From(await catalog.ForIncidentAsync(reference, ct), TypedResults.Ok));
        incident.MapGet("/runbook-runs", async (string reference, RunbookRunService runs, CancellationToken ct) =>
            Problems.From(await runs.ListAsync(reference, ct), TypedResults.Ok));
        incident.MapPost("/runbook-runs", StartAsync).RequireAuthorization(Policies.Responder);

        // Write-only: names and dates come back, values never do.
        var secrets = app.MapGroup("/api/v1/runbook-secrets").WithTags("Runbooks").RequireAuthorization(Policies.Admin);
        secrets.MapGet("/", async (RunbookSecrets store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)));
        secrets.MapPut("/{name}", async (HttpContext http, string name, RunbookSecrets store, Body<SetSecretRequest> body, CancellationToken ct) =>
            Problems.From(await store.SetAsync(Actor.FromHttp(http), name, body.Value, ct), TypedResults.Ok));
        secrets.MapDelete("/{name}", async (HttpContext http, string name, RunbookSecrets store, CancellationToken ct) =>
            Problems.From(await store.DeleteAsync(Actor.FromHttp(http), name, ct), TypedResults.Ok));

        var run = app.MapGroup("/api/v1/runbook-runs/{id:long}").WithTags("Runbooks").RequireAuthorization(Policies.Responder);
        run.MapPost("/steps/{number:int}", RunStepAsync);
        run.MapPost("/steps/{number:int}/approve", async (HttpContext http, long id, int number, RunbookRunService runs, CancellationToken ct) =>
            Problems.From(await runs.ApproveAsync(Actor.FromHttp(http), id, number, ct), TypedResults.Ok));
        run.MapPost("/run-all", async (HttpContext http, long id, RunbookRunAll all, CancellationToken ct) =>
            Problems.From(await all.RunAsync(Actor.FromHttp(http), id, ct), TypedResults.Ok));
        run.MapPost("/finish", async (HttpContext http, long id, RunbookRunService runs, Body<FinishRunRequest> body, CancellationToken ct) =>
            Problems.From(await runs.FinishAsync(Actor.FromHttp(http), id, body.Value, ct), TypedResults.Ok));
    }

    private static async Task<Results<Created<RunbookDto>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        HttpContext http, RunbookEditor editor, RunbookTextBody body, CancellationToken ct) =>
        Problems.From(await editor.CreateAsync(Actor.FromHttp(http), body.Value, ct), d => TypedResults.Created($"/api/v1/runbooks/{d.Runbook.Key}", d));

    private static async Task<Results<Created<RunDto>, ProblemHttpResult, ValidationProblem>> StartAsync(
        HttpContext http, string reference, RunbookRunService runs, Body<StartRunRequest> body, CancellationToken ct) =>
        Problems.From(await runs.StartAsync(Actor.FromHttp(http), reference, body.Value, ct), d => TypedResults.Created($"/api/v1/incidents/{d.Incident}/runbook-runs", d));

    // The note is optional, so is the body.
    private static async Task<Results<Ok<RunDto>, ProblemHttpResult, ValidationProblem>> RunStepAsync(
        HttpContext http, long id, int number, RunbookRunService runs, OptionalBody<StepRequest> body, CancellationToken ct) =>
        Problems.From(await runs.RunStepAsync(Actor.FromHttp(http), id, number, body.Value ?? new StepRequest(null), ct), TypedResults.Ok);
}
