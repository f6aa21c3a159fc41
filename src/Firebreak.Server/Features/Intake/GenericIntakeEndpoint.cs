using Firebreak.Server.Storage;
using Prometheus;

namespace Firebreak.Server.Features.Intake;

/// <summary>What a generic sender gets back: each alert's dedup key and what became of it.</summary>
public sealed record GenericIntakeResponse(string Status, IReadOnlyList<GenericIntakeOutcome> Alerts);

public sealed record GenericIntakeOutcome(string DedupKey, string Outcome);

/// <summary>
/// <c>POST /integrations/generic/{key}</c>: any JSON, read through the integration's field mapping. Like the other
/// webhooks, a body with any bad item is refused whole (400 naming each item and field), so a sender never has to work
/// out which half of a batch was stored.
/// </summary>
public static class GenericIntakeEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, string key, IntakeService intake, IntakeRateLimits limits, IntakeMetrics metrics, CancellationToken ct)
    {
        using var timer = metrics.IntakeDuration.WithLabels("generic").NewTimer();
        var integration = await IntakeEndpoints.FindAsync(http, key, ct);
        if (integration is not { Kind: IntegrationKinds.Generic })
        {
            return TypedResults.Problem("No enabled generic integration has this key. Copy the URL from the integration's page in Firebreak.",
                statusCode: StatusCodes.Status404NotFound, title: "Unknown integration");
        }

        var (doc, error) = await IntakeEndpoints.ReadJsonAsync(http, ct);
        using (doc)
        {
            if (doc is null)
            {
                metrics.IntakeEvents.WithLabels(integration.Name, "invalid").Inc();
                return TypedResults.Problem(error, statusCode: IntakeEndpoints.IsTooLarge(error!)
                    ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, title: "Invalid body");
            }

            var (mapper, mappingErrors) = GenericMappings.Compile(integration);
            if (mapper is null)
            {
                // Saved mappings are validated, so this is Firebreak's problem, not the sender's: 500 makes senders retry.
                return TypedResults.Problem($"Integration '{integration.Name}' has a field mapping Firebreak can no longer read ({string.Join("; ", mappingErrors.Keys)}); an admin must save it again.",
                    statusCode: StatusCodes.Status500InternalServerError, title: "Integration misconfigured");
            }

            var mapped = mapper.Apply(doc.RootElement);
            if (!mapped.Ok)
            {
                metrics.IntakeEvents.WithLabels(integration.Name, "invalid").Inc();
                return TypedResults.ValidationProblem(mapped.ErrorsByKey(),
                    detail: $"Nothing was stored: {mapped.Errors.Count} problem(s) in the body, named by item and field (items are counted from 0).",
                    title: "Invalid alerts");
            }

            if (mapped.Signals.Count == 0)
            {
                return TypedResults.Json(new GenericIntakeResponse("success", []), IntakeJson.Default.GenericIntakeResponse);
            }

            if (limits.TryTake(integration, mapped.Signals.Count) is { } wait)
            {
                metrics.IntakeEvents.WithLabels(integration.Name, "throttled").Inc(mapped.Signals.Count);
                http.Response.Headers.RetryAfter = IntakeEndpoints.RetryAfter(wait);
                return TypedResults.Problem($"Integration '{integration.Name}' allows {integration.RatePerMinute} alerts per minute; retry after {IntakeEndpoints.RetryAfter(wait)} s.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many alerts");
            }

            var results = await intake.ProcessAsync(integration, mapped.Signals, http.Connection.RemoteIpAddress?.ToString(), ct);
            IntakeEndpoints.Count(metrics, integration, results);
            return TypedResults.Json(new GenericIntakeResponse("success", [.. results.Select(r => new GenericIntakeOutcome(r.DedupKey, r.Outcome))]),
                IntakeJson.Default.GenericIntakeResponse);
        }
    }
}
