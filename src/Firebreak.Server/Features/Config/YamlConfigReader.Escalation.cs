using System.Text.RegularExpressions;
using Firebreak.Core.Escalation;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Escalation;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Config;

/// <summary>
/// The <c>escalation_policies:</c> section: who is paged in which order, and condition rules, as the API's
/// <see cref="PolicySpec"/> text, checked by the same <see cref="PolicySpec.Build"/> with each message moved to its line.
/// </summary>
public sealed partial class YamlConfigReader
{
    private static readonly string[] s_policyFields = ["key", "name", "description", "repeats", "steps", "rules"];
    private static readonly string[] s_stepFields = ["targets", "delay"];
    private static readonly string[] s_policyRuleFields = ["key", "when", "notify"];
    private static readonly string[] s_policyLists = ["repeats", "steps", "rules"];

    private EscalationPolicyConfig? ReadPolicy(YamlMappingNode map, int _)
    {
        Known(map, s_policyFields);
        var key = Required(map, "key");
        if (key is not null && (!EscalationPolicyService.IsKey(key) || key == ServiceConfig.NoPolicy))
        {
            Error(At(map, "key"), key == ServiceConfig.NoPolicy
                ? "escalation policy key 'none' is taken: a service's 'escalation_policy: none' means no policy"
                : $"escalation policy key '{key}': use 1–64 lowercase letters, digits and dashes, e.g. 'payments'");
        }

        var lines = new Dictionary<string, SourceRef>(StringComparer.Ordinal);
        foreach (var field in s_policyLists.Where(f => map.Children.ContainsKey(new YamlScalarNode(f))))
        {
            lines[field] = Where(At(map, field));
        }

        var steps = new List<StepSpec>();
        if (map.Children.TryGetValue(new YamlScalarNode("steps"), out var stepsNode))
        {
            steps.AddRange(Items(stepsNode, (step, i) => ReadStep(step, i, lines)));
        }
        else
        {
            Error(map, "'steps' is required: a policy pages someone at least once");
        }

        var rules = map.Children.TryGetValue(new YamlScalarNode("rules"), out var rulesNode)
            ? Items(rulesNode, (rule, i) => ReadPolicyRule(rule, i, lines)).ToList()
            : [];
        var repeats = Int(map, "repeats");
        if (key is null)
        {
            return null;
        }

        return new EscalationPolicyConfig(key, Str(map, "name") ?? key, Str(map, "description"), new PolicySpec(steps, repeats ?? 0, rules), Where(map), lines);
    }

    private StepSpec? ReadStep(YamlMappingNode map, int index, Dictionary<string, SourceRef> lines)
    {
        Known(map, s_stepFields);
        LinesOf(map, $"step {index + 1}", s_stepFields, lines);
        var targets = map.Children.TryGetValue(new YamlScalarNode("targets"), out var t) ? StringOrList(t) : [];
        return new StepSpec(targets, Str(map, "delay"));
    }

    private RuleSpec? ReadPolicyRule(YamlMappingNode map, int index, Dictionary<string, SourceRef> lines)
    {
        Known(map, s_policyRuleFields);
        LinesOf(map, $"rule {index + 1}", s_policyRuleFields, lines);
        var when = map.Children.TryGetValue(new YamlScalarNode("when"), out var w) ? StringOrList(w) : [];
        var notify = map.Children.TryGetValue(new YamlScalarNode("notify"), out var n) ? StringOrList(n) : [];
        return new RuleSpec(Str(map, "key"), when, notify);
    }

    private void LinesOf(YamlMappingNode map, string part, string[] fields, Dictionary<string, SourceRef> lines)
    {
        lines[part] = Where(map);
        foreach (var field in fields.Where(f => map.Children.ContainsKey(new YamlScalarNode(f))))
        {
            lines[$"{part}.{field}"] = Where(At(map, field));
        }
    }

    /// <summary>
    /// Severities are checked against the file's own scheme when it has one; without one they are checked on plan and
    /// apply against the database's, which validate does not open.
    /// </summary>
    private void CheckPolicies(List<EscalationPolicyConfig> policies, SeverityScheme? scheme)
    {
        foreach (var policy in policies)
        {
            var (_, _, problems) = policy.Spec.Build(key => scheme is null ? 0 : scheme.Find(key)?.Rank);
            _errors.AddRange(problems.Select(p => new ConfigError(LineOf(policy, p), $"escalation policy '{policy.Key}': {p}")));
        }
    }

    /// <summary>
    /// The line a message from <see cref="PolicySpec.Build"/> is about: steps by position ("step 2: delay: …"), rules by
    /// position ("rule 1 (sev1): …") or by key ("rule 'sev1' notifies nobody").
    /// </summary>
    internal static SourceRef LineOf(EscalationPolicyConfig policy, string problem)
    {
        if (problem.StartsWith("the repeat count", StringComparison.Ordinal))
        {
            return policy.Line("repeats");
        }

        if (problem.StartsWith("a rule has no key", StringComparison.Ordinal))
        {
            return policy.Line($"rule {RuleIndex(policy, "(no key)") + 1}");
        }

        var match = PolicyProblem().Match(problem);
        if (!match.Success)
        {
            return policy.Line(problem.Contains("step", StringComparison.Ordinal) ? "steps" : "");
        }

        var part = match.Groups["position"].Success
            ? $"{match.Groups["kind"].Value} {match.Groups["position"].Value}"
            : $"rule {RuleIndex(policy, match.Groups["key"].Value) + 1}";
        var rest = problem[match.Length..];
        var field = problem.StartsWith("rule key", StringComparison.Ordinal) ? "key"
            : part.StartsWith("step", StringComparison.Ordinal)
            ? rest.Contains("delay", StringComparison.Ordinal) ? "delay" : "targets"
            : rest.Contains("target", StringComparison.Ordinal) || rest.Contains("notifies", StringComparison.Ordinal) ? "notify" : "when";
        return policy.Lines.GetValueOrDefault($"{part}.{field}") ?? policy.Line(part);
    }

    private static int RuleIndex(EscalationPolicyConfig policy, string key)
    {
        var rules = policy.Spec.Rules ?? [];
        // A duplicated key is reported once; its second use is the one to change.
        for (var i = rules.Count - 1; i >= 0; i--)
        {
            if (string.Equals(rules[i].Key?.Trim() ?? "", key == "(no key)" ? "" : key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^(?:(?<kind>step|rule) (?<position>\d+)(?: \([^)]*\))?|rule(?: key)? '(?<key>[^']*)')")]
    private static partial Regex PolicyProblem();
}
