using System.Text.RegularExpressions;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Intake;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Config;

/// <summary>The <c>integrations:</c> section: intake endpoints with their grouping, rate limit and routing rules.</summary>
public sealed partial class YamlConfigReader
{
    private static readonly string[] s_integrationFields = ["name", "kind", "service", "group_by", "group_window", "rate_per_minute", "rules", "disabled", "key_env"];
    private static readonly string[] s_ruleFields = ["name", "match", "service", "severity", "drop"];

    private IntegrationConfig? ReadIntegration(YamlMappingNode map, int _)
    {
        if (map.Children.TryGetValue(new YamlScalarNode("key"), out var keyNode))
        {
            // A key in a file ends up in a repository; it is a credential anyone could post alerts with.
            Error(keyNode, "an integration's key is never written in config: leave it out to have one generated, or name an environment variable with key_env");
        }

        Known(map, s_integrationFields, "key");
        var name = Required(map, "name");
        if (name is not null && IntegrationChecks.Name(name) is { } nameError)
        {
            Error(At(map, "name"), nameError);
        }

        var kind = Required(map, "kind")?.Trim().ToLowerInvariant();
        if (kind is not null && IntegrationChecks.Kind(kind) is { } kindError)
        {
            Error(At(map, "kind"), kindError);
        }

        var rate = Int(map, "rate_per_minute");
        if (IntegrationChecks.RatePerMinute(rate) is { } rateError)
        {
            Error(At(map, "rate_per_minute"), rateError);
        }

        var keyEnv = Str(map, "key_env");
        if (keyEnv is not null && !EnvironmentName().IsMatch(keyEnv))
        {
            Error(At(map, "key_env"), $"key_env '{keyEnv}' is not an environment variable name (letters, digits and _, not starting with a digit)");
        }

        var groupBy = map.Children.TryGetValue(new YamlScalarNode("group_by"), out var g) ? Strings(g) : IntegrationKinds.DefaultGroupBy(kind ?? "");
        var rules = map.Children.TryGetValue(new YamlScalarNode("rules"), out var r) ? Items(r, ReadRule).ToList() : [];
        return name is null || kind is null
            ? null
            : new IntegrationConfig(name.Trim(), kind, Str(map, "service"), groupBy, Duration(map, "group_window") ?? TimeSpan.FromHours(1), rate,
                rules, Bool(map, "disabled") ?? false, keyEnv, Where(map), keyEnv is null ? null : Where(At(map, "key_env")));
    }

    private RoutingRuleEntry? ReadRule(YamlMappingNode map, int _)
    {
        Known(map, s_ruleFields);
        var match = map.Children.TryGetValue(new YamlScalarNode("match"), out var m) ? StringOrList(m) : [];
        var rule = new RoutingRuleConfig(Str(map, "name"), match, Str(map, "service"), Str(map, "severity"), Bool(map, "drop") == true ? true : null);
        return new RoutingRuleEntry(rule, Where(map));
    }

    private void CheckIntegrations(List<IntegrationConfig> integrations, List<ServiceConfig> services, SeverityScheme scheme)
    {
        Duplicates(integrations, i => i.Name, i => i.Where, "integration");
        Duplicates([.. integrations.Where(i => i.KeyEnv is not null)], i => i.KeyEnv!, i => i.KeyEnvWhere!, "key_env");
        var serviceKeys = services.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var i in integrations)
        {
            if (i.Service is not null && !serviceKeys.Contains(i.Service))
            {
                _errors.Add(new ConfigError(i.Where, $"integration '{i.Name}' names unknown service '{i.Service}'"));
            }

            _errors.AddRange(i.RuleErrors(serviceKeys, scheme));
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
