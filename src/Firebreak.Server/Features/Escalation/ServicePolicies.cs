using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Escalation;

/// <summary>The policies a service may point at, for the catalog's service API and page.</summary>
internal sealed class ServicePolicies(FirebreakDb db, UnpagedServices unpaged) : IServicePolicies
{
    public async Task<string?> WhyNobodyIsPagedAsync(Service? service, CancellationToken ct)
    {
        if (service?.EscalationPolicyId is not null || await unpaged.DefaultPolicyCatchesAllAsync(ct))
        {
            return null;
        }

        var why = service is null ? "its incidents have no service" : $"service '{service.Key}' ({service.Name}) has no escalation policy";
        return $"Alerts here page nobody: {why}. {unpaged.Fix(service, "Route it to a service with a policy")}.";
    }

    public async Task<IReadOnlyList<PolicyOption>> ListAsync(CancellationToken ct) =>
        await db.EscalationPolicies.AsNoTracking().OrderBy(p => p.Name).Select(p => new PolicyOption(p.Id, p.Key, p.Name)).ToListAsync(ct);
}
