using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Escalation;

/// <summary>The policies a service may point at, for the catalog's service API and page.</summary>
internal sealed class ServicePolicies(FirebreakDb db) : IServicePolicies
{
    public async Task<IReadOnlyList<PolicyOption>> ListAsync(CancellationToken ct) =>
        await db.EscalationPolicies.AsNoTracking().OrderBy(p => p.Name).Select(p => new PolicyOption(p.Id, p.Key, p.Name)).ToListAsync(ct);
}
