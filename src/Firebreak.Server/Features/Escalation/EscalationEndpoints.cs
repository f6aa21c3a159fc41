using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Firebreak.Server.Features.Escalation;

public static class EscalationEndpoints
{
    public static void MapEscalationApi(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/v1/escalation-policies").WithTags("Escalation").RequireAuthorization(Policies.Viewer);
        policies.MapGet("/", async (EscalationPolicyService svc, CancellationToken ct) => TypedResults.Ok(await svc.ListAsync(ct)));
        policies.MapGet("/{key}", async (string key, EscalationPolicyService svc, CancellationToken ct) => Problems.From(await svc.GetAsync(key, ct), TypedResults.Ok));
        policies.MapPut("/{key}", PutAsync).RequireAuthorization(Policies.Admin);
        policies.MapDelete("/{key}", async (HttpContext http, string key, EscalationPolicyService svc, CancellationToken ct) =>
            Problems.From(await svc.DeleteAsync(Actor.FromHttp(http), key, ct), TypedResults.Ok)).RequireAuthorization(Policies.Admin);

        app.MapPut("/api/v1/services/{key}/escalation-policy", AssignAsync).WithTags("Escalation")
            .RequireAuthorization(Policies.Admin);

        var incidents = app.MapGroup("/api/v1/incidents/{reference}").WithTags("Escalation").RequireAuthorization(Policies.Viewer);
        incidents.MapGet("/escalation", async (string reference, IncidentEscalationService svc, CancellationToken ct) =>
            Problems.From(await svc.GetAsync(reference, ct), TypedResults.Ok));
        incidents.MapPost("/escalate", async (HttpContext http, string reference, IncidentEscalationService svc, CancellationToken ct) =>
            Problems.From(await svc.EscalateNowAsync(Actor.FromHttp(http), reference, ct), TypedResults.Ok)).RequireAuthorization(Policies.Responder);
        incidents.MapPost("/reassign", ReassignAsync).RequireAuthorization(Policies.Responder);
    }

    private static async Task<Results<Ok<PolicyDto>, ProblemHttpResult, ValidationProblem>> PutAsync(HttpContext http, string key, EscalationPolicyService svc, Body<PolicyRequest> body, CancellationToken ct) =>
        Problems.From(await svc.PutAsync(Actor.FromHttp(http), key, body.Value, ct), TypedResults.Ok);

    private static async Task<IResult> AssignAsync(HttpContext http, string key, EscalationPolicyService svc, Body<ServicePolicyRequest> body, CancellationToken ct)
    {
        var request = body.Value;
        return Problems.From(await svc.AssignAsync(Actor.FromHttp(http), key, request, ct), p => TypedResults.Ok(new { service = key, policy = p?.Key }));
    }

    private static async Task<Results<Ok<EscalationStateDto>, ProblemHttpResult, ValidationProblem>> ReassignAsync(HttpContext http, string reference, IncidentEscalationService svc, Body<ReassignRequest> body, CancellationToken ct) =>
        Problems.From(await svc.ReassignAsync(Actor.FromHttp(http), reference, body.Value, ct), TypedResults.Ok);
}
