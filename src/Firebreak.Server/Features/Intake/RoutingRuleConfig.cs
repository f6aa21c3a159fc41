using System.Text.Json;
using Firebreak.Core.Intake;
using Firebreak.Core.Severity;

namespace Firebreak.Server.Features.Intake;

/// <summary>A routing rule as people write it (API and YAML): matchers as strings, targets by key.</summary>
public sealed record RoutingRuleConfig(string? Name, List<string>? Match, string? Service = null, string? Severity = null, bool? Drop = null);

public sealed record RoutingRulesRequest(List<RoutingRuleConfig>? Rules);

public static class RoutingRuleConfigs
{
    /// <summary>Parses and checks rules against the known services and severity scheme; errors name the rule and field.</summary>
    public static (List<RoutingRule> Rules, Dictionary<string, string[]> Errors) Compile(
        IReadOnlyList<RoutingRuleConfig> configs, IReadOnlySet<string> services, SeverityScheme scheme)
    {
        var rules = new List<RoutingRule>();
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < configs.Count; i++)
        {
            var c = configs[i];
            var problems = new List<string>();
            var matchers = new List<LabelMatcher>();
            foreach (var text in c.Match ?? [])
            {
                if (LabelMatcher.TryParse(text, out var matcher, out var error))
                {
                    matchers.Add(matcher!);
                }
                else
                {
                    problems.Add(error!);
                }
            }

            if (c.Service is not null && !services.Contains(c.Service))
            {
                problems.Add($"unknown service '{c.Service}'");
            }

            if (c.Severity is not null && scheme.Find(c.Severity) is null)
            {
                problems.Add($"unknown severity '{c.Severity}'; use one of {string.Join(", ", scheme.Levels.Select(l => l.Key))}");
            }

            if (c.Service is null && c.Severity is null && c.Drop != true)
            {
                problems.Add("a rule needs at least one of: service, severity, drop");
            }

            if (problems.Count > 0)
            {
                errors[$"rules[{i}]"] = [.. problems];
            }
            else
            {
                rules.Add(new RoutingRule(c.Name, matchers, c.Service, scheme.Find(c.Severity ?? "")?.Key, c.Drop == true));
            }
        }

        return (rules, errors);
    }

    /// <summary>Reads rules stored by <see cref="IntegrationService"/>; they were validated when saved.</summary>
    public static List<RoutingRule> Load(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        var configs = JsonSerializer.Deserialize<List<RoutingRuleConfig>>(json, JsonSerializerOptions.Web) ?? [];
        return [.. configs.Select(c => new RoutingRule(c.Name,
            [.. (c.Match ?? []).Select(m => LabelMatcher.TryParse(m, out var matcher, out _) ? matcher! : null).OfType<LabelMatcher>()],
            c.Service, c.Severity, c.Drop == true))];
    }
}
