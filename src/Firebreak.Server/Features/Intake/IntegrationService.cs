using System.Text.Json;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

public sealed record CreateIntegrationRequest(
    string? Name, string? Kind, string? Service = null, List<string>? GroupBy = null, string? GroupWindow = null, int? RatePerMinute = null);

public sealed record IntegrationSnippets(string Url, string? AlertmanagerWebhook, string? AlertmanagerPagerDuty, string? Grafana, string Curl);

public sealed record IntegrationDto(
    long Id, string Name, string Kind, string Key, string? Service, IReadOnlyList<string> GroupBy, int GroupWindowSeconds, int? RatePerMinute,
    IReadOnlyList<RoutingRuleConfig> Rules, bool Disabled, DateTimeOffset CreatedAt, IntegrationSnippets Snippets,
    GenericMapping? Mapping = null, bool MappingIsDefault = false, string? Warning = null);

public sealed record RoutingDryRunRequest(List<RoutingRuleConfig>? Rules, Dictionary<string, string>? Labels, JsonElement? Payload);

public sealed record RoutingDryRunResult(string DedupKey, string Summary, IReadOnlyDictionary<string, string> Labels, string? Rule, string? Service, string Severity, bool Drop, string GroupKey);

/// <summary>Creates and lists integrations, with ready-to-paste sender configuration for each.</summary>
public sealed partial class IntegrationService(FirebreakDb db, SeverityCatalog severities, AuditLog audit, TimeProvider clock, IServicePolicies policies)
{
    public async Task<Outcome<IntegrationDto>> CreateAsync(Actor actor, CreateIntegrationRequest request, string baseUrl, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = CheckName(request.Name, errors);
        var kind = request.Kind?.Trim().ToLowerInvariant() ?? "";
        if (IntegrationChecks.Kind(request.Kind) is { } kindError)
        {
            errors["kind"] = [kindError];
        }

        var serviceId = string.IsNullOrWhiteSpace(request.Service) ? null : await FindServiceAsync(request.Service, errors, ct);
        var window = request.GroupWindow is null ? TimeSpan.FromHours(1) : CheckWindow(request.GroupWindow, errors);
        if (IntegrationChecks.RatePerMinute(request.RatePerMinute) is { } rateError)
        {
            errors["ratePerMinute"] = [rateError];
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var integration = new Integration
        {
            Name = name!,
            Kind = kind,
            Key = NewKey(),
            ServiceId = serviceId,
            GroupBy = GroupBy(request.GroupBy, kind),
            GroupWindowSeconds = (int)window.TotalSeconds,
            RatePerMinute = request.RatePerMinute,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Integrations.Add(integration);
        audit.Record(actor, "integration.create", $"integration/{integration.Name}", kind);
        await db.SaveChangesAsync(ct);
        return await GetRequiredAsync(integration.Id, baseUrl, ct);
    }

    public async Task<IReadOnlyList<IntegrationDto>> ListAsync(string baseUrl, CancellationToken ct)
    {
        var rows = await db.Integrations.AsNoTracking().Include(i => i.Service).OrderBy(i => i.Name).ToListAsync(ct);
        return [.. rows.Select(i => ToDto(i, baseUrl))];
    }

    public async Task<Outcome<IntegrationDto>> GetAsync(long id, string baseUrl, CancellationToken ct)
    {
        var found = await db.Integrations.AsNoTracking().Include(i => i.Service).FirstOrDefaultAsync(i => i.Id == id, ct);
        return found is null ? Failure.NotFound($"No integration {id}.")
            : ToDto(found, baseUrl) with { Warning = await policies.WhyNobodyIsPagedAsync(found.Service, ct) };
    }

    public async Task<Outcome<IntegrationDto>> SetDisabledAsync(Actor actor, long id, bool disabled, string baseUrl, CancellationToken ct)
    {
        var found = await db.Integrations.Include(i => i.Service).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (found is null)
        {
            return Failure.NotFound($"No integration {id}.");
        }

        found.Disabled = disabled;
        audit.Record(actor, disabled ? "integration.disable" : "integration.enable", $"integration/{found.Name}");
        await db.SaveChangesAsync(ct);
        return ToDto(found, baseUrl);
    }

    public async Task<Outcome<IntegrationDto>> SetRulesAsync(Actor actor, long id, RoutingRulesRequest request, string baseUrl, CancellationToken ct)
    {
        var integration = await db.Integrations.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (integration is null)
        {
            return Failure.NotFound($"No integration {id}.");
        }

        var configs = request.Rules ?? [];
        var (_, errors) = await CompileAsync(configs, ct);
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        integration.RoutingRulesJson = configs.Count == 0 ? null : JsonSerializer.Serialize(configs, JsonSerializerOptions.Web);
        audit.Record(actor, "integration.rules", $"integration/{integration.Name}", $"{configs.Count} rule(s)");
        await db.SaveChangesAsync(ct);
        return await GetRequiredAsync(id, baseUrl, ct);
    }

    /// <summary>Shows where a sample would go, with the saved rules or with rules being edited, and stores nothing.</summary>
    public async Task<Outcome<IReadOnlyList<RoutingDryRunResult>>> DryRunAsync(long id, RoutingDryRunRequest request, CancellationToken ct)
    {
        var integration = await db.Integrations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (integration is null)
        {
            return Failure.NotFound($"No integration {id}.");
        }

        List<AlertSignal> signals;
        if (request.Payload is { } payload)
        {
            if (integration.Kind == IntegrationKinds.PagerDuty)
            {
                var pd = PagerDutyEvent.Parse(payload);
                if (!pd.Ok)
                {
                    return Failure.Invalid("payload", string.Join(" ", pd.Errors));
                }

                signals = [pd.Signal!];
            }
            else if (integration.Kind == IntegrationKinds.Generic)
            {
                var mapped = GenericMappings.Compile(integration).Mapper?.Apply(payload);
                if (mapped is not { Ok: true })
                {
                    return Failure.Invalid("payload", mapped is null
                        ? "The integration's field mapping is invalid; save it again first."
                        : string.Join("; ", mapped.Errors.Select(e => $"{e.Key}: {e.Message}")));
                }

                signals = [.. mapped.Signals];
            }
            else
            {
                var am = AlertmanagerWebhook.Parse(payload);
                if (!am.Ok)
                {
                    return Failure.Invalid("payload", string.Join("; ", am.Errors));
                }

                signals = [.. am.Signals];
            }
        }
        else if (request.Labels is { Count: > 0 } labels)
        {
            signals = [new AlertSignal(AlertAction.Trigger, "dry-run", Summary: labels.GetValueOrDefault("alertname") ?? "sample", Labels: labels)];
        }
        else
        {
            return Failure.Invalid("payload", "Send a sample 'payload' in this integration's format, or 'labels' to match against.");
        }

        var (rules, errors) = request.Rules is null ? (RoutingRuleConfigs.Load(integration.RoutingRulesJson), []) : await CompileAsync(request.Rules, ct);
        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var scheme = await severities.GetSchemeAsync(ct);
        var services = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, ct);
        var routing = new RoutingContext(rules, services, integration.ServiceId, scheme);
        return signals.Select(signal =>
        {
            var key = signal.DedupKey ?? "(generated)";
            var routed = routing.Route(integration, signal, key);
            return new RoutingDryRunResult(key, signal.Summary ?? "", AlertRouting.EffectiveLabels(signal), routed.RuleName,
                routed.Service?.Key, routed.Level.Key, routed.Drop, routed.GroupKey);
        }).ToList();
    }

    private async Task<(List<RoutingRule> Rules, Dictionary<string, string[]> Errors)> CompileAsync(List<RoutingRuleConfig> configs, CancellationToken ct)
    {
        var services = (await db.Services.Select(s => s.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return RoutingRuleConfigs.Compile(configs, services, await severities.GetSchemeAsync(ct));
    }

    private static List<RoutingRuleConfig> Rules(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<RoutingRuleConfig>>(json, JsonSerializerOptions.Web) ?? [];

    /// <summary>With the warning when its alerts would page nobody: said on creation and on every read of one integration.</summary>
    private async Task<IntegrationDto> GetRequiredAsync(long id, string baseUrl, CancellationToken ct)
    {
        var found = await db.Integrations.AsNoTracking().Include(i => i.Service).FirstAsync(i => i.Id == id, ct);
        return ToDto(found, baseUrl) with { Warning = await policies.WhyNobodyIsPagedAsync(found.Service, ct) };
    }

    private static IntegrationDto ToDto(Integration i, string baseUrl) =>
        new(i.Id, i.Name, i.Kind, i.Key, i.Service?.Key, i.GroupBy, i.GroupWindowSeconds, i.RatePerMinute, Rules(i.RoutingRulesJson), i.Disabled, i.CreatedAt,
            Snippets(i, baseUrl.TrimEnd('/')),
            i.Kind == IntegrationKinds.Generic ? GenericMappings.Effective(i) : null,
            i.Kind == IntegrationKinds.Generic && i.FieldMappingJson is null);

    private static IntegrationSnippets Snippets(Integration i, string baseUrl)
    {
        var enqueue = $"{baseUrl}/v2/enqueue";
        var curl = $$$"""
            curl -sS -X POST {{{enqueue}}} -H 'Content-Type: application/json' -d '{"routing_key":"{{{i.Key}}}","event_action":"trigger","payload":{"summary":"Test alert from curl","source":"my-host","severity":"warning"}}'
            """;
        return i.Kind switch
        {
            IntegrationKinds.Alertmanager => new IntegrationSnippets($"{baseUrl}/integrations/alertmanager/{i.Key}",
                $"""
                receivers:
                  - name: firebreak
                    webhook_configs:
                      - url: {baseUrl}/integrations/alertmanager/{i.Key}
                        send_resolved: true
                """,
                $"""
                receivers:
                  - name: firebreak
                    pagerduty_configs:
                      - routing_key: {i.Key}
                        url: {enqueue}
                        send_resolved: true
                """,
                null, curl),
            IntegrationKinds.Grafana => new IntegrationSnippets($"{baseUrl}/integrations/grafana/{i.Key}", null, null,
                $"Contact point type: Webhook; URL: {baseUrl}/integrations/grafana/{i.Key}; HTTP method: POST", curl),
            // The example body is built from this integration's own mapping, so pasting it really opens an alert.
            IntegrationKinds.Generic => new IntegrationSnippets($"{baseUrl}/integrations/generic/{i.Key}", null, null, null,
                $"curl -sS -X POST {baseUrl}/integrations/generic/{i.Key} -H 'Content-Type: application/json' -d '{GenericMappingSample.Build(GenericMappings.Effective(i)).Replace("'", "'\\''", StringComparison.Ordinal)}'"),
            _ => new IntegrationSnippets(enqueue, null, null, null, curl),
        };
    }
}
