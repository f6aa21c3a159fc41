using System.Globalization;
using System.Text;
using Firebreak.Server.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Firebreak.Server.Tests.Features.Security;

/// <summary>
/// Who may call each endpoint and open each page, read from the running server's own endpoint metadata, so the table
/// in docs/security.md cannot drift from what the server enforces.
/// </summary>
public static class RoleMatrix
{
    /// <summary>
    /// Endpoints that take no sign-in on purpose, and what guards them instead. A new anonymous endpoint fails the test
    /// until it is added here with its reason: an endpoint left open by mistake is the hole this catches.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> DeliberatelyOpen = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GET /login"] = "nobody signed in yet",
        ["GET /not-found"] = "says only that an address does not exist",
        ["POST /auth/login"] = "password; rate-limited per client address",
        ["POST /auth/logout"] = "ends the caller's own session",
        ["POST /api/v1/auth/token"] = "password; rate-limited per client address",
        ["POST /v2/enqueue"] = "integration key in the body",
        ["POST /v2/change/enqueue"] = "integration key in the body",
        ["POST /integrations/alertmanager/{key}"] = "integration key in the URL",
        ["POST /integrations/grafana/{key}"] = "integration key in the URL",
        ["POST /integrations/generic/{key}"] = "integration key in the URL",
        ["GET /ack/{token}"] = "HMAC-signed link for one person and incident, 7 days; shows, does not act",
        ["POST /ack/{token}"] = "HMAC-signed link for one person and incident, 7 days",
        ["GET /calendars/schedules/{key}/{token}.ics"] = "feed token (HMAC) of the schedule and the person who obtained it",
        ["GET /calendars/users/{username}/{token}.ics"] = "feed token (HMAC) of the person",
        ["POST /api/v1/runner/poll"] = "runner token (SHA-256 stored) of a runner an admin registered; hands out only jobs for its labels",
        ["POST /api/v1/runner/jobs/{id:long}/output"] = "runner token; only the runner holding that job",
        ["POST /api/v1/runner/jobs/{id:long}/done"] = "runner token; only the runner holding that job",
        ["GET /status/"] = "the public status page: components, published incident updates and public maintenance only, rendered from memory",
        ["GET /status/api/v2/{document}.json"] = "the public status page as Statuspage JSON: the same data as the page (published updates only)",
        ["GET /status/api/v2/{folder}/{document}.json"] = "the public status page as Statuspage JSON (incidents/unresolved, scheduled-maintenances/…): the same data as the page",
        ["GET /status/history.atom"] = "the public status page's published incident updates as an Atom feed: the same data as the page",
        ["GET /status/subscribe"] = "the public subscribe form: component names only",
        ["POST /status/subscribe"] = "sends one confirmation to the address given, at most every 15 minutes; answers alike for any address",
        ["GET /status/subscribers/confirm"] = "the token from the subscriber's own email; shows, does not act",
        ["POST /status/subscribers/confirm"] = "the token from the subscriber's own email; confirms only that subscription",
        ["GET /status/subscribers/unsubscribe"] = "the token from the subscriber's own email; shows, does not act",
        ["POST /status/subscribers/unsubscribe"] = "the token from the subscriber's own email; ends only that subscription (RFC 8058 one-click)",
        ["GET /health/live"] = "no data",
        ["GET /health/ready"] = "no data beyond up/down per check",
        ["GET /metrics"] = "counts only; no names, titles or keys",
        ["GET /openapi/{documentName}.json"] = "the API's shape, no data",
        ["GET /demo/controls/"] = "only with --demo: a pretend production system's switches, in memory, guarding nothing",
        ["GET /demo/controls/{name}"] = "only with --demo: a pretend production system's switches, in memory, guarding nothing",
        ["POST /demo/controls/{name}/{state}"] = "only with --demo: a pretend production system's switches, in memory, guarding nothing",
    };

    public sealed record Row(string Method, string Route, string Who, string Kind);

    public static IReadOnlyList<Row> Read(EndpointDataSource source)
    {
        var rows = new List<Row>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (IsInfrastructure(route))
            {
                continue;
            }

            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => !(isPage && m == "POST")))
            {
                rows.Add(new Row(method, route, Who(endpoint), isPage ? "page" : "api"));
            }
        }

        return [.. rows.DistinctBy(r => (r.Method, r.Route)).OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }

    public static string Render(IReadOnlyList<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| method | route | who may | kind |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Method} | `{row.Route}` | {row.Who} | {row.Kind} |");
        }

        return text.ToString();
    }

    private static string Who(Endpoint endpoint)
    {
        var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        if (anonymous || authorize.Count == 0)
        {
            return "anyone";
        }

        // The strictest policy wins: policies on a group and on its endpoint both apply.
        var policies = authorize.Select(a => a.Policy ?? "").ToList();
        string? role = null;
        foreach (var (policy, name) in new[]
                 {
                     (Policies.Viewer, "viewer"), (Policies.UiViewer, "viewer"),
                     (Policies.Responder, "responder"), (Policies.UiResponder, "responder"),
                     (Policies.Admin, "admin"), (Policies.UiAdmin, "admin"),
                 })
        {
            if (policies.Contains(policy))
            {
                role = name;
            }
        }

        return role is null ? "signed in" : role + (role == "admin" ? "" : "+");
    }

    private static bool IsInfrastructure(string route) =>
        route.StartsWith("/_framework", StringComparison.Ordinal)
        || route.StartsWith("/_blazor", StringComparison.Ordinal)
        || route.StartsWith("/_content", StringComparison.Ordinal)
        || route.Contains("{**", StringComparison.Ordinal)
        || System.IO.Path.HasExtension(route.Split('{')[0]) && !route.EndsWith(".ics", StringComparison.Ordinal) && !route.EndsWith(".json", StringComparison.Ordinal) && !route.EndsWith(".atom", StringComparison.Ordinal);
}
