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
    public async Task<IReadOnlyList<UnpagedService>> ListAsync(CancellationToken ct) => await DefaultPolicyCatchesAllAsync(ct) ? []
        : await db.Services.AsNoTracking().Where(s => s.EscalationPolicyId == null)
            .OrderBy(s => s.Key).Select(s => new UnpagedService(s.Key, s.Name)).ToListAsync(ct);

    /// <summary>Whether the default policy is set and exists, so every service without a policy of its own still pages.</summary>
    public async Task<bool> DefaultPolicyCatchesAllAsync(CancellationToken ct) =>
        options.DefaultPolicy is { } fallback && await db.EscalationPolicies.AnyAsync(p => p.Key == fallback, ct);

    /// <summary>How to make <paramref name="service"/> page someone (<paramref name="withoutService"/> when there is none), for warnings.</summary>
    public string Fix(Service? service, string withoutService) =>
        (service is null ? withoutService : $"Give '{service.Key}' a policy (on the policy's page, or escalation_policy in services config)")
        + (options.DefaultPolicy is { } key
            ? $"; the default policy '{key}' ({EscalationOptions.DefaultPolicyKey}) does not exist"
            : $", or set {EscalationOptions.DefaultPolicyKey} to a policy for every service without one");
}
