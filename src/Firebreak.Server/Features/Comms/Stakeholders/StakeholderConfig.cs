using Firebreak.Server.Features.Config;

namespace Firebreak.Server.Features.Comms.Stakeholders;

/// <summary>A stakeholder as config declares it; empty <see cref="Services"/> or <see cref="Severities"/> mean all.</summary>
public sealed record StakeholderConfig(
    string Key,
    string Name,
    string Target,
    string Address,
    string? SecretEnv,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Severities,
    IReadOnlyList<string> Events,
    SourceRef Where);

/// <summary>The stakeholders a folder of config declares, as <c>set.Stakeholders</c>.</summary>
public static class StakeholderConfigSet
{
    extension(ConfigSet set)
    {
        public IReadOnlyList<StakeholderConfig> Stakeholders => set.Of<StakeholderConfig>();
    }
}
