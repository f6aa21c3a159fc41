using System.Security.Cryptography;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

public sealed record CreateIntegrationRequest(
    string? Name, string? Kind, string? Service = null, List<string>? GroupBy = null, string? GroupWindow = null, int? RatePerMinute = null);

public sealed record IntegrationSnippets(string Url, string? AlertmanagerWebhook, string? AlertmanagerPagerDuty, string? Grafana, string Curl);

public sealed record IntegrationDto(
    long Id, string Name, string Kind, string Key, string? Service, IReadOnlyList<string> GroupBy, int GroupWindowSeconds, int? RatePerMinute,
    bool Disabled, DateTimeOffset CreatedAt, IntegrationSnippets Snippets);

/// <summary>Creates and lists integrations, with ready-to-paste sender configuration for each.</summary>
public sealed class IntegrationService(FirebreakDb db, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<IntegrationDto>> CreateAsync(Actor actor, CreateIntegrationRequest request, string baseUrl, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["Give the integration a name of 1–200 characters, e.g. 'prod Alertmanager'."];
        }

        var kind = request.Kind?.Trim().ToLowerInvariant() ?? "";
        if (!IntegrationKinds.All.Contains(kind))
        {
            errors["kind"] = [$"Unknown kind '{request.Kind}'. Use one of: {string.Join(", ", IntegrationKinds.All)}."];
        }

        long? serviceId = null;
        if (!string.IsNullOrWhiteSpace(request.Service))
        {
            var key = request.Service.Trim();
            serviceId = await db.Services.Where(s => s.Key == key).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
            if (serviceId is null)
            {
                errors["service"] = [$"Unknown service '{key}'."];
            }
        }

        var window = TimeSpan.FromHours(1);
        if (request.GroupWindow is not null && !Core.Config.DurationParser.TryParse(request.GroupWindow, out window))
        {
            errors["groupWindow"] = [$"'{request.GroupWindow}' is not a duration; write e.g. 30m or 2h."];
        }

        if (request.RatePerMinute is < 1 or > 1_000_000)
        {
            errors["ratePerMinute"] = ["Use a rate between 1 and 1,000,000 events per minute, or leave it out for no limit."];
        }

        if (errors.Count > 0)
        {
            return Failure.Invalid(errors);
        }

        var integration = new Integration
        {
            Name = name!,
            Kind = kind,
            Key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ServiceId = serviceId,
            GroupBy = request.GroupBy is { Count: > 0 } g ? [.. g.Select(x => x.Trim()).Where(x => x.Length > 0)] : IntegrationKinds.DefaultGroupBy(kind),
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
        return found is null ? Failure.NotFound($"No integration {id}.") : ToDto(found, baseUrl);
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

    private async Task<IntegrationDto> GetRequiredAsync(long id, string baseUrl, CancellationToken ct) =>
        ToDto(await db.Integrations.AsNoTracking().Include(i => i.Service).FirstAsync(i => i.Id == id, ct), baseUrl);

    private static IntegrationDto ToDto(Integration i, string baseUrl) =>
        new(i.Id, i.Name, i.Kind, i.Key, i.Service?.Key, i.GroupBy, i.GroupWindowSeconds, i.RatePerMinute, i.Disabled, i.CreatedAt, Snippets(i, baseUrl.TrimEnd('/')));

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
            _ => new IntegrationSnippets(enqueue, null, null, null, curl),
        };
    }
}
