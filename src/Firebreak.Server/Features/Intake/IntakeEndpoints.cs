using System.Text.Json;
using System.Text.Json.Serialization;
using Firebreak.Core.Intake;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prometheus;

namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Where senders deliver alerts. These routes take no user authentication: the integration key in the body or URL is
/// the credential, as with PagerDuty and Alertmanager receivers.
/// </summary>
public static class IntakeEndpoints
{
    public const int PagerDutyMaxBytes = 512 * 1024;
    public const int WebhookMaxBytes = 4 * 1024 * 1024;

    private const string TooLarge = "The body is larger than the";

    public static void MapIntakeEndpoints(this IEndpointRouteBuilder app)
    {
        Intake(app.MapPost("/v2/enqueue", PagerDutyAsync), PagerDutyMaxBytes);
        Intake(app.MapPost("/v2/change/enqueue", ChangeAsync), PagerDutyMaxBytes);
        Intake(app.MapPost("/integrations/alertmanager/{key}", WebhookAsync), WebhookMaxBytes);
        Intake(app.MapPost("/integrations/grafana/{key}", WebhookAsync), WebhookMaxBytes);
        Intake(app.MapPost("/integrations/generic/{key}", GenericIntakeEndpoint.HandleAsync), WebhookMaxBytes);
    }

    /// <summary>
    /// Answered straight after routing: the key is the credential, so sign-in, authorization, antiforgery and the
    /// framework's rate limits have nothing to do here, and under a storm they and the per-route HTTP metrics were a
    /// large share of each request (intake counts its own: <see cref="IntakeMetrics"/>). Exceptions, security headers
    /// and the proxy's client address still apply (they run before routing); the body limit is put on by
    /// <see cref="ReadJsonAsync"/>.
    /// </summary>
    private static void Intake(RouteHandlerBuilder route, int maxBytes) =>
        route.WithTags("Intake").AllowAnonymous().WithMetadata(new BodySizeLimit(maxBytes)).ShortCircuit();

    private static async Task<IResult> PagerDutyAsync(
        HttpContext http, IntakeService intake, IntakeRateLimits limits, IntakeMetrics metrics, CancellationToken ct)
    {
        using var timer = metrics.IntakeDuration.WithLabels("pagerduty").NewTimer();
        var (doc, error) = await ReadJsonAsync(http, ct);
        using (doc)
        {
            if (doc is null)
            {
                return InvalidEvent(metrics, error!);
            }

            var parsed = PagerDutyEvent.Parse(doc.RootElement);
            if (!parsed.Ok)
            {
                return InvalidEvent(metrics, [.. parsed.Errors]);
            }

            var integration = await FindAsync(http, parsed.RoutingKey!, ct);
            if (integration is null)
            {
                return InvalidEvent(metrics, "'routing_key' does not match any enabled integration; copy the key from the integration's page.");
            }

            if (limits.TryTake(integration, 1) is { } wait)
            {
                metrics.IntakeEvents.WithLabels(integration.Name, "throttled").Inc();
                http.Response.Headers.RetryAfter = RetryAfter(wait);
                return TypedResults.Json(new PagerDutyResponse("throttle event",
                    $"Integration '{integration.Name}' allows {integration.RatePerMinute} events per minute; retry after {RetryAfter(wait)} s.", null, null),
                    IntakeJson.Default.PagerDutyResponse, statusCode: StatusCodes.Status429TooManyRequests);
            }

            var results = await intake.ProcessAsync(integration, [parsed.Signal!], http.Connection.RemoteIpAddress?.ToString(), ct);
            Count(metrics, integration, results);
            return TypedResults.Json(new PagerDutyResponse("success", "Event processed", results[0].DedupKey, null), IntakeJson.Default.PagerDutyResponse,
                statusCode: StatusCodes.Status202Accepted);
        }
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, FirebreakDb db, TimeProvider clock, IntakeMetrics metrics, CancellationToken ct)
    {
        var (doc, error) = await ReadJsonAsync(http, ct);
        using (doc)
        {
            if (doc is null)
            {
                return InvalidEvent(metrics, error!);
            }

            var (change, errors) = PagerDutyChangeEvent.Parse(doc.RootElement);
            if (change is null)
            {
                return InvalidEvent(metrics, [.. errors]);
            }

            var integration = await FindAsync(http, change.RoutingKey, ct);
            if (integration is null)
            {
                return InvalidEvent(metrics, "'routing_key' does not match any enabled integration; copy the key from the integration's page.");
            }

            var now = clock.GetUtcNow();
            db.ChangeEvents.Add(new ChangeEvent
            {
                IntegrationId = integration.Id,
                ServiceId = integration.ServiceId,
                Summary = change.Summary,
                Source = change.Source,
                At = change.Timestamp ?? now,
                ReceivedAt = now,
                DetailsJson = change.CustomDetails?.GetRawText(),
                LinksJson = change.Links is { Count: > 0 } links ? JsonSerializer.Serialize(links, JsonSerializerOptions.Web) : null,
            });
            await db.SaveChangesAsync(ct);
            metrics.IntakeEvents.WithLabels(integration.Name, "change").Inc();
            return TypedResults.Json(new PagerDutyResponse("success", "Change event processed", null, null), IntakeJson.Default.PagerDutyResponse,
                statusCode: StatusCodes.Status202Accepted);
        }
    }

    private static async Task<IResult> WebhookAsync(
        HttpContext http, string key, IntakeService intake, IntakeRateLimits limits, IntakeMetrics metrics, CancellationToken ct)
    {
        using var timer = metrics.IntakeDuration.WithLabels("webhook").NewTimer();
        var integration = await FindAsync(http, key, ct);
        if (integration is null)
        {
            return TypedResults.Problem("No enabled integration has this key. Copy the URL from the integration's page in Firebreak.",
                statusCode: StatusCodes.Status404NotFound, title: "Unknown integration");
        }

        var (doc, error) = await ReadJsonAsync(http, ct);
        using (doc)
        {
            if (doc is null)
            {
                return TypedResults.Problem(error, statusCode: IsTooLarge(error!)
                    ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, title: "Invalid webhook body");
            }

            var parsed = AlertmanagerWebhook.Parse(doc.RootElement);
            if (!parsed.Ok)
            {
                return TypedResults.Problem(string.Join("; ", parsed.Errors), statusCode: StatusCodes.Status400BadRequest, title: "Invalid webhook body");
            }

            if (limits.TryTake(integration, parsed.Signals.Count) is { } wait)
            {
                metrics.IntakeEvents.WithLabels(integration.Name, "throttled").Inc(parsed.Signals.Count);
                http.Response.Headers.RetryAfter = RetryAfter(wait);
                return TypedResults.Problem($"Integration '{integration.Name}' allows {integration.RatePerMinute} alerts per minute; retry after {RetryAfter(wait)} s.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many alerts");
            }

            var results = await intake.ProcessAsync(integration, parsed.Signals, http.Connection.RemoteIpAddress?.ToString(), ct);
            Count(metrics, integration, results);
            return TypedResults.Json(new WebhookAnswer("success", results.Count), IntakeJson.Default.WebhookAnswer);
        }
    }

    internal static Task<Integration?> FindAsync(HttpContext http, string key, CancellationToken ct) =>
        http.RequestServices.GetRequiredService<IntegrationDirectory>().FindAsync(http.RequestServices, key, ct);

    /// <summary>The body as a document, or what a sender must fix; the endpoint's size limit is its <see cref="BodySizeLimit"/>.</summary>
    internal static async Task<(JsonDocument? Doc, string? Error)> ReadJsonAsync(HttpContext http, CancellationToken ct)
    {
        RequestBodyLimit.Enforce(http);
        var read = await JsonRequestBody.ReadAsync(http.Request, ct);
        if (read.TooLargeLimit is { } limit)
        {
            return (null, $"{TooLarge} {limit / 1024} KB limit.");
        }

        if (read.Flaw is { } flaw)
        {
            return (null, flaw.Field is null
                ? $"The body is not valid JSON ({flaw.Where}): {flaw.Message}"
                : $"The body is not valid: {flaw.Describe()}");
        }

        // Checked above: JSON whose strings all decode, so nothing reading the document later can throw on it.
        return (JsonDocument.Parse(read.Json), null);
    }

    internal static bool IsTooLarge(string error) => error.StartsWith(TooLarge, StringComparison.Ordinal);

    internal static string RetryAfter(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static void Count(IntakeMetrics metrics, Integration integration, IReadOnlyList<IntakeResult> results)
    {
        foreach (var outcome in results.GroupBy(r => r.Outcome))
        {
            metrics.IntakeEvents.WithLabels(integration.Name, outcome.Key).Inc(outcome.Count());
        }
    }

    private static JsonHttpResult<PagerDutyResponse> InvalidEvent(IntakeMetrics metrics, params string[] errors)
    {
        metrics.IntakeEvents.WithLabels("", "invalid").Inc();
        return TypedResults.Json(new PagerDutyResponse("invalid event", "Event object is invalid", null, errors), IntakeJson.Default.PagerDutyResponse,
            statusCode: StatusCodes.Status400BadRequest);
    }
}

/// <summary>PagerDuty's own response shape, so existing senders read our answers as they read PagerDuty's.</summary>
public sealed record PagerDutyResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("dedup_key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DedupKey,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Errors);
