using Firebreak.Server.Features.Config;

namespace Firebreak.Server.Features.Comms.Stakeholders;

/// <summary>
/// A stakeholder as config declares it; empty <see cref="Services"/> or <see cref="Severities"/> mean all.
/// <see cref="External"/> marks people outside the company (customers), whose messages wait for approval when the
/// incident's external communication needs it.
/// </summary>
public sealed record StakeholderConfig(
    string Key,
    string Name,
    string Target,
    string Address,
    string? SecretEnv,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Severities,
    IReadOnlyList<string> Events,
    SourceRef Where,
    bool External = false);

/// <summary>The stakeholders a folder of config declares, as <c>set.Stakeholders</c>.</summary>
public static class StakeholderConfigSet
{
    extension(ConfigSet set)
    {
        public IReadOnlyList<StakeholderConfig> Stakeholders => set.Of<StakeholderConfig>();
    }
}
