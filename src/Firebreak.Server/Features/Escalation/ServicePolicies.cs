using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Escalation;

/// <summary>The policies a service may point at, for the catalog's service API and page.</summary>
internal sealed class ServicePolicies(FirebreakDb db, EscalationOptions options) : IServicePolicies
{
    public async Task<string?> WhyNobodyIsPagedAsync(Service? service, CancellationToken ct)
    {
        if (service?.EscalationPolicyId is not null
            || (options.DefaultPolicy is { } fallback && await db.EscalationPolicies.AnyAsync(p => p.Key == fallback, ct)))
        {
            return null;
        }

        var why = service is null ? "its incidents have no service" : $"service '{service.Key}' ({service.Name}) has no escalation policy";
        var fix = service is null ? "Route it to a service with a policy" : $"Give '{service.Key}' a policy (on the policy's page, or escalation_policy in services config)";
        var orDefault = options.DefaultPolicy is { } key
            ? $"; the default policy '{key}' ({EscalationOptions.DefaultPolicyKey}) does not exist"
            : $", or set {EscalationOptions.DefaultPolicyKey}";
        return $"Alerts here page nobody: {why}. {fix}{orDefault}.";
    }

    public async Task<IReadOnlyList<PolicyOption>> ListAsync(CancellationToken ct) =>
        await db.EscalationPolicies.AsNoTracking().OrderBy(p => p.Name).Select(p => new PolicyOption(p.Id, p.Key, p.Name)).ToListAsync(ct);
}
