using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Escalation;

public sealed record UnpagedService(string Key, string Name);

/// <summary>
/// Services whose incidents would page nobody: no escalation policy of their own, and no default policy to fall back
/// on (<see cref="EscalationOptions.DefaultPolicy"/> unset, or naming a policy that does not exist).
/// </summary>
public sealed class UnpagedServices(FirebreakDb db, EscalationOptions options)
{
    public async Task<IReadOnlyList<UnpagedService>> ListAsync(CancellationToken ct)
    {
        if (options.DefaultPolicy is { } fallback && await db.EscalationPolicies.AnyAsync(p => p.Key == fallback, ct))
        {
            return [];
        }

        return await db.Services.AsNoTracking().Where(s => s.EscalationPolicyId == null)
            .OrderBy(s => s.Key).Select(s => new UnpagedService(s.Key, s.Name)).ToListAsync(ct);
    }
}
