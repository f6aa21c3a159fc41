using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Http;

/// <summary>
/// Real things for fuzzed requests to point at — a service, schedule, policy, incidents, integrations of every kind, an
/// alert, a contact method — so a body passes routing and authorization and reaches the code that reads it.
/// </summary>
public sealed class FuzzWorld
{
    /// <summary>The person <c>{username}</c> routes act on, so that no fuzzed body edits the accounts the test signs in with.</summary>
    public const string Target = "fuzzee";

    private readonly Dictionary<string, string> _values;

    private FuzzWorld(Dictionary<string, string> values) => _values = values;

    public IReadOnlyDictionary<string, string> Values => _values;

    public static async Task<FuzzWorld> CreateAsync(RunningServer server)
    {
        var v = new Dictionary<string, string>
        {
            ["now"] = server.Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["later"] = server.Clock.GetUtcNow().AddHours(4).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["svc"] = "fuzz-svc",
            ["sched"] = "fuzz-sched",
            ["pol"] = "fuzz-pol",
            ["user"] = Target,
        };
        await server.CreateUserWithTokenAsync(Target, Role.Responder);
        await server.WithDbAsync(async db =>
        {
            db.Services.Add(new Server.Features.Catalog.Service { Key = v["svc"], Name = "Fuzz service" });
            return await db.SaveChangesAsync();
        });
        await server.Admin.PutAsJsonAsync($"/api/v1/schedules/{v["sched"]}", new
        {
            name = "Fuzz",
            timeZone = "Europe/Berlin",
            layers = new[] { new { name = "primary", participants = new[] { new[] { "rita" }, new[] { Target } }, shift = "daily", start = "2026-01-05T09:00" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await server.Admin.PutAsJsonAsync($"/api/v1/escalation-policies/{v["pol"]}", new
        {
            name = "Fuzz",
            steps = new[] { new { targets = new[] { $"schedule:{v["sched"]}" }, delay = "5m" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        foreach (var kind in new[] { "pagerduty", "alertmanager", "grafana", "generic" })
        {
            var made = await server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"fuzz {kind}", kind, service = v["svc"] })
                .ExpectAsync(HttpStatusCode.Created);
            v[$"key-{kind}"] = made.Str("key");
        }

        // The integration admin routes act on: rotating its key or disabling it must not starve the intakes above.
        var target = await server.Admin.PostJsonAsync("/api/v1/integrations", new { name = "fuzz target", kind = "generic", service = v["svc"] })
            .ExpectAsync(HttpStatusCode.Created);
        v["integration"] = target.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

        var first = await server.Responder.PostJsonAsync("/api/v1/incidents", new { title = "Fuzz target", severity = "SEV-1", service = v["svc"] })
            .ExpectAsync(HttpStatusCode.Created);
        var second = await server.Responder.PostJsonAsync("/api/v1/incidents", new { title = "Fuzz merge target", severity = "SEV-3" })
            .ExpectAsync(HttpStatusCode.Created);
        v["ref"] = first.GetProperty("number").GetInt32().ToString(CultureInfo.InvariantCulture);
        v["ref2"] = second.GetProperty("number").GetInt32().ToString(CultureInfo.InvariantCulture);
        v["item"] = first.TryGetProperty("checklist", out var checklist) && checklist.GetArrayLength() > 0
            ? checklist[0].GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)
            : "1";

        await server.Anonymous.PostJsonAsync("/v2/enqueue", new
        {
            routing_key = v["key-pagerduty"],
            event_action = "trigger",
            dedup_key = "fuzz-alert",
            payload = new { summary = "Fuzz alert", source = "fuzz", severity = "warning" },
        }).ExpectAsync(HttpStatusCode.Accepted);
        v["alert"] = (await server.WithDbAsync(db => db.Alerts.Where(a => a.DedupKey == "fuzz-alert").Select(a => a.Id).SingleAsync()))
            .ToString(CultureInfo.InvariantCulture);

        var method = await server.Admin.PostJsonAsync($"/api/v1/users/{Target}/contact-methods", new { kind = "email", label = "work", address = "fuzzee@example.com" })
            .ExpectAsync(HttpStatusCode.Created);
        v["cm"] = method.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        return new FuzzWorld(v);
    }

    /// <summary>
    /// Fills a route template's parameters with real values, chosen by the parameter's name and the segment before it
    /// (<c>/schedules/{key}</c> is a schedule, <c>/integrations/grafana/{key}</c> a Grafana integration's key).
    /// </summary>
    public string Resolve(string template)
    {
        var segments = template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] is not ['{', .., '}'])
            {
                continue;
            }

            var name = segments[i][1..^1].Split(':')[0];
            var before = i > 0 ? segments[i - 1] : "";
            segments[i] = (before, name) switch
            {
                ("integrations", "id") => _values["integration"],
                ("alerts", "id") => _values["alert"],
                ("contact-methods", "id") => _values["cm"],
                ("schedules", "key") => _values["sched"],
                ("escalation-policies", "key") => _values["pol"],
                ("services", "key") => _values["svc"],
                ("pagerduty" or "alertmanager" or "grafana" or "generic", "key") => _values[$"key-{before}"],
                (_, "reference") => _values["ref"],
                (_, "itemId") => _values["item"],
                (_, "service") => _values["svc"],
                (_, "username") => Target,
                (_, "layerName") => "primary",
                _ => "1",
            };
        }

        return string.Join('/', segments);
    }

    /// <summary>Replaces <c>{name}</c> placeholders in a hand-written seed body.</summary>
    public string Fill(string template)
    {
        foreach (var (name, value) in _values)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return template;
    }
}
