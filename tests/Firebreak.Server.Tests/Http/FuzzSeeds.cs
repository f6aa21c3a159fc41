using System.Text.Json;
using System.Text.Json.Nodes;

namespace Firebreak.Server.Tests.Http;

/// <summary>
/// A valid body per operation to mutate from, so that mutations reach the code past the first check: a hand-written one
/// for the operations that matter most, else an instance of the OpenAPI request schema (new endpoints are covered
/// without touching this file).
/// </summary>
public static class FuzzSeeds
{
    /// <summary>Operations keyed by "METHOD /route/template"; <c>{name}</c> is filled from <see cref="FuzzWorld.Values"/>.</summary>
    private static readonly Dictionary<string, string> s_hand = new(StringComparer.Ordinal)
    {
        ["POST /v2/enqueue"] = """
            {"routing_key":"{key-pagerduty}","event_action":"trigger","dedup_key":"fz-1",
             "payload":{"summary":"Disk full","source":"db-1","severity":"critical","timestamp":"{now}","component":"disk","group":"db","class":"io",
                        "custom_details":{"free":"0%","mounts":["/","/var"],"n":3}},
             "links":[{"href":"https://grafana.example/d/1","text":"Dashboard"}],"images":[{"src":"https://img.example/1.png","href":"https://img.example","alt":"graph"}],
             "client":"Monitor","client_url":"https://monitor.example"}
            """,
        ["POST /v2/change/enqueue"] = """
            {"routing_key":"{key-pagerduty}","payload":{"summary":"Deployed v2","source":"ci","timestamp":"{now}","custom_details":{"build":42}},
             "links":[{"href":"https://ci.example/42","text":"Build 42"}]}
            """,
        ["POST /integrations/alertmanager/{key}"] = """
            {"version":"4","groupKey":"{}:{alertname=\"Disk\"}","status":"firing","receiver":"firebreak","groupLabels":{"alertname":"Disk"},
             "commonLabels":{"alertname":"Disk"},"commonAnnotations":{},"externalURL":"http://am.local","truncatedAlerts":0,
             "alerts":[{"status":"firing","labels":{"alertname":"Disk","instance":"db-1","severity":"critical"},"annotations":{"summary":"Disk full on db-1"},
                        "startsAt":"{now}","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph","fingerprint":"fz1"}]}
            """,
        ["POST /integrations/grafana/{key}"] = """
            {"receiver":"firebreak","status":"resolved","orgId":1,"groupKey":"g","externalURL":"http://grafana.local","version":"1","title":"[RESOLVED]","state":"ok","message":"m",
             "alerts":[{"status":"resolved","labels":{"alertname":"Latency","grafana_folder":"SLO"},"annotations":{"summary":"p99 high"},
                        "startsAt":"{now}","endsAt":"{now}","fingerprint":"fz2","silenceURL":"http://g/s","dashboardURL":"","panelURL":"","values":{"A":1.5}}]}
            """,
        ["POST /integrations/generic/{key}"] = """
            [{"dedup_key":"g1","summary":"Queue backlog","source":"worker-3","severity":"crit","action":"trigger","timestamp":"{now}",
              "labels":{"queue":"payments"},"annotations":{"runbook":"https://wiki/q"},"links":[{"href":"https://q.example","text":"Queue"}]},
             {"id":"g2","title":"Recovered","host":"worker-4","status":"ok","time":1768443120}]
            """,
        ["POST /api/v1/incidents"] = """
            {"title":"Checkout errors","severity":"SEV-2","service":"{svc}","description":"5xx on /pay","impact":"Some payments fail",
             "impactStartedAt":"{now}","commander":"rita","isDrill":false}
            """,
        ["POST /api/v1/incidents/{reference}/status"] = """{"status":"mitigating","note":"Rolled back"}""",
        ["POST /api/v1/incidents/{reference}/severity"] = """{"severity":"SEV-1","reason":"Spreading"}""",
        ["POST /api/v1/incidents/{reference}/roles"] = """{"role":"commander","user":"rita"}""",
        ["POST /api/v1/incidents/{reference}/notes"] = """{"text":"Looking at the load balancer"}""",
        ["POST /api/v1/incidents/{reference}/resolve"] = """{"text":"Fixed"}""",
        ["POST /api/v1/incidents/{reference}/merge"] = """{"into":"{ref2}"}""",
        ["POST /api/v1/incidents/{reference}/reassign"] = """{"user":"rita","note":"Taking over"}""",
        ["PATCH /api/v1/incidents/{reference}/checklist/{itemId}"] = """{"done":true}""",
        ["POST /api/v1/alerts/{id}/move"] = """{"incident":"{ref}"}""",
        ["POST /api/v1/integrations"] = """
            {"name":"fz","kind":"alertmanager","service":"{svc}","groupBy":["alertname","cluster"],"groupWindow":"5m","ratePerMinute":600}
            """,
        ["PATCH /api/v1/integrations/{id}"] = """{"name":"fz target","service":"{svc}","groupBy":["queue"],"groupWindow":"10m","ratePerMinute":0}""",
        ["PUT /api/v1/integrations/{id}/rules"] = """
            {"rules":[{"name":"drop test","match":["env=test"],"drop":true},
                      {"name":"crit","match":["severity=~crit.*","team!=none","host!~^lab-"],"service":"{svc}","severity":"SEV-1"}]}
            """,
        ["POST /api/v1/integrations/{id}/rules/dry-run"] = """
            {"rules":[{"name":"crit","match":["severity=critical"],"service":"{svc}","severity":"SEV-1"}],"labels":{"severity":"critical","env":"prod"},
             "payload":{"summary":"x","dedup_key":"d","labels":{"severity":"critical"}}}
            """,
        ["PUT /api/v1/integrations/{id}/mapping"] = """
            {"alerts":"items","dedupKey":"id","summary":"{{host}}: {{check}}","source":"host|hostname","severity":{"path":"level","map":{"urgent":"critical"},"default":"warning"},
             "action":{"path":"state","map":{"ok":"resolve"},"default":"trigger"},"timestamp":"at","labels":{"path":"tags","fields":{"team":"owner.team"}},
             "annotations":{"fields":{"runbook":"docs.runbook"}},"links":{"path":"links"},"customDetails":"details"}
            """,
        ["POST /api/v1/integrations/{id}/mapping/dry-run"] = """
            {"mapping":{"alerts":"items","dedupKey":"id","summary":"{{host}}: {{check}}","severity":{"path":"level","map":{"urgent":"critical"}},"timestamp":"at"},
             "payload":{"items":[{"id":"a1","host":"db-1","check":"disk","level":"urgent","at":"{now}","tags":{"team":"db"}},{"id":"a2","host":"db-2","check":"cpu","at":1768443120}]}}
            """,
        ["POST /api/v1/services/{service}/maintenance"] = """
            {"reason":"Failover drill","kind":"weekly","days":["Mon","Thu"],"startTime":"22:00","length":"2h","timeZone":"Europe/Berlin","startsAt":"{now}","endsAt":"{later}","cron":"0 22 * * 1"}
            """,
        ["PUT /api/v1/schedules/{key}"] = """
            {"name":"Fuzz","timeZone":"Europe/Berlin",
             "layers":[{"name":"primary","participants":[["rita"],["fuzzee","adam"]],"shift":"weekly","start":"2026-01-05T09:00","handoff":"09:00",
                        "end":"2027-01-05T09:00","restrictions":["Mon-Fri 09:00-17:00"],"rotationOffset":1},
                       {"name":"nights","participants":[["adam"]],"shift":"12h","start":"2026-01-05T21:00","restrictions":["Fri 17:00 - Mon 09:00"]}],
             "overrides":[{"person":"rita","from":"{now}","to":"{later}","mode":"add"}]}
            """,
        ["PUT /api/v1/schedules/{key}/layers/{layerName}/participants"] = """{"participants":[["fuzzee"],["rita","adam"]],"mode":"keep_current"}""",
        ["POST /api/v1/schedules/{key}/overrides"] = """{"person":"rita","from":"{now}","to":"{later}","mode":"replace"}""",
        ["PUT /api/v1/escalation-policies/{key}"] = """
            {"name":"Fuzz","description":"d","repeats":2,
             "steps":[{"targets":["schedule:{sched}","user:rita"],"delay":"5m"},{"targets":["commander"],"delay":"10m"}],
             "rules":[{"key":"sev1","when":["severity SEV-1","not mitigated within 15m"],"notify":["user:adam"]}]}
            """,
        ["PUT /api/v1/services/{key}/escalation-policy"] = """{"policy":"{pol}"}""",
        ["POST /api/v1/me/contact-methods"] = """{"kind":"email","label":"home","address":"me@example.com"}""",
        ["POST /api/v1/users/{username}/contact-methods"] = """{"kind":"email","label":"home","address":"fuzzee+2@example.com"}""",
        ["PUT /api/v1/me/notification-rules"] = """{"rules":[{"contactMethodId":{cm},"delayMinutes":0},{"contactMethodId":{cm},"delayMinutes":5}]}""",
        ["PUT /api/v1/users/{username}/notification-rules"] = """{"rules":[{"contactMethodId":{cm},"delayMinutes":0},{"contactMethodId":{cm},"delayMinutes":5}]}""",
        ["POST /api/v1/auth/token"] = """{"username":"fuzzee","password":"wrong-password","tokenName":"fz"}""",
        ["POST /api/v1/tokens"] = """{"name":"fz","role":"viewer"}""",
        ["POST /api/v1/users"] = """{"username":"fz-user","displayName":"Fz","email":"fz@example.com","role":"viewer","password":"a-long-enough-password"}""",
    };

    /// <summary>The intakes, whether or not the OpenAPI document lists them.</summary>
    public static IReadOnlyList<string> Intakes { get; } =
        ["POST /v2/enqueue", "POST /v2/change/enqueue", "POST /integrations/alertmanager/{key}", "POST /integrations/grafana/{key}", "POST /integrations/generic/{key}"];

    public static JsonNode For(string operation, JsonElement? requestSchema, JsonElement components, FuzzWorld world) =>
        s_hand.TryGetValue(operation, out var template)
            ? JsonNode.Parse(world.Fill(template))!
            : requestSchema is { } schema ? Sample(schema, components, 0) ?? new JsonObject() : new JsonObject();

    /// <summary>One instance of a JSON schema: every property present, one item per array, the first non-null type.</summary>
    private static JsonNode? Sample(JsonElement schema, JsonElement components, int depth)
    {
        if (depth > 8)
        {
            return null;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return components.TryGetProperty(name, out var target) ? Sample(target, components, depth + 1) : new JsonObject();
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                var chosen = options.EnumerateArray().FirstOrDefault(o => !IsNullOnly(o));
                return chosen.ValueKind == JsonValueKind.Undefined ? null : Sample(chosen, components, depth + 1);
            }
        }

        var type = TypeOf(schema);
        return type switch
        {
            "object" => SampleObject(schema, components, depth),
            "array" => new JsonArray(schema.TryGetProperty("items", out var items) ? Sample(items, components, depth + 1) : JsonValue.Create("x")),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1.5),
            "boolean" => JsonValue.Create(true),
            "string" when schema.TryGetProperty("format", out var format) && format.GetString() == "date-time" => JsonValue.Create("2026-01-15T03:00:00Z"),
            "string" => JsonValue.Create("x"),
            _ => JsonValue.Create("x"),
        };
    }

    private static JsonObject SampleObject(JsonElement schema, JsonElement components, int depth)
    {
        var result = new JsonObject();
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var p in properties.EnumerateObject())
            {
                result[p.Name] = Sample(p.Value, components, depth + 1);
            }
        }
        else if (schema.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            result["a"] = Sample(values, components, depth + 1);
        }

        return result;
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    private static bool IsNullOnly(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";
}
