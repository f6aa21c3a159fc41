namespace Firebreak.Server.Features.Catalog;

public sealed record PolicyOption(long Id, string Key, string Name);

/// <summary>
/// The escalation policies a service may point at. Escalation owns policies and registers this, so the catalog can
/// check and show a service's policy without naming an escalation type.
/// </summary>
public interface IServicePolicies
{
    Task<IReadOnlyList<PolicyOption>> ListAsync(CancellationToken ct);
}
