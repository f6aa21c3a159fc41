namespace Firebreak.Server.Features.Catalog;

public sealed record PolicyOption(long Id, string Key, string Name);

/// <summary>
/// The escalation policies a service may point at. Escalation owns policies and registers this, so the catalog can
/// check and show a service's policy without naming an escalation type.
/// </summary>
public interface IServicePolicies
{
    Task<IReadOnlyList<PolicyOption>> ListAsync(CancellationToken ct);

    /// <summary>
    /// Why incidents of <paramref name="service"/> (or with no service) would page nobody, with the fix; null when a
    /// policy of its own or the default policy pages someone.
    /// </summary>
    Task<string?> WhyNobodyIsPagedAsync(Service? service, CancellationToken ct);
}
