using Firebreak.Core.Severity;
using Firebreak.Server.Features.Config;

namespace Firebreak.Server.Features.Intake.Config;

public sealed record RoutingRuleEntry(RoutingRuleConfig Rule, SourceRef Where);

/// <summary>
/// An integration as config declares it. Its key is never written here: it is generated on create, or read from the
/// environment variable <see cref="KeyEnv"/> so that one key can follow a team across environments.
/// </summary>
public sealed record IntegrationConfig(
    string Name, string Kind, string? Service, IReadOnlyList<string> GroupBy, TimeSpan GroupWindow, int? RatePerMinute,
    IReadOnlyList<RoutingRuleEntry> Rules, bool Disabled, string? KeyEnv, SourceRef Where, SourceRef? KeyEnvWhere)
{
    /// <summary>Each rule checked by the validator the API uses, one at a time so an error names its rule's line.</summary>
    public IEnumerable<ConfigError> RuleErrors(IReadOnlySet<string> services, SeverityScheme scheme)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            var (_, errors) = RoutingRuleConfigs.Compile([Rules[i].Rule], services, scheme);
            foreach (var message in errors.Values.SelectMany(m => m))
            {
                yield return new ConfigError(Rules[i].Where, $"integration '{Name}', rule {i + 1}: {message}");
            }
        }
    }
}

/// <summary>The integrations a folder of config declares, as <c>set.Integrations</c>.</summary>
public static class IntegrationConfigSet
{
    extension(ConfigSet set)
    {
        public IReadOnlyList<IntegrationConfig> Integrations => set.Of<IntegrationConfig>();
    }
}
