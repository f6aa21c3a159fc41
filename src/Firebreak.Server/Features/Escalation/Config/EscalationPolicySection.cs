using System.Text.RegularExpressions;
using Firebreak.Core.Escalation;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Storage;
using YamlDotNet.RepresentationModel;

namespace Firebreak.Server.Features.Escalation.Config;

/// <summary>
/// The <c>escalation_policies:</c> section: who is paged in which order, and condition rules, as the API's
/// <see cref="PolicySpec"/> text, checked by the same <see cref="PolicySpec.Build"/> with each message moved to its line.
/// </summary>
internal sealed partial class EscalationPolicySection(EscalationOptions options) : ConfigSection<EscalationPolicyConfig>
{
    private static readonly string[] s_policyFields = ["key", "name", "description", "repeats", "steps", "rules"];
    private static readonly string[] s_stepFields = ["targets", "delay"];
    private static readonly string[] s_policyRuleFields = ["key", "when", "notify"];
    private static readonly string[] s_policyLists = ["repeats", "steps", "rules"];

    public override string Key => "escalation_policies";

    public override int Order => ConfigOrder.EscalationPolicies;

    /// <summary>
    /// Services the files give no policy. Validate does not open the database, so one set through the API may still
    /// exist; plan says for certain (<see cref="EscalationPolicyStage"/>).
    /// </summary>
    public override IEnumerable<string> Warnings(ConfigSet set, DateTimeOffset now) => options.DefaultPolicy is not null ? [] :
        set.Services.Where(s => s.EscalationPolicy is null or ServiceConfig.NoPolicy).Select(s => $"{s.EscalationPolicyWhere ?? s.Where}: warning: "
            + $"service '{s.Key}' has no escalation_policy here: unless the API gave it one or {EscalationOptions.DefaultPolicyKey} is set, its incidents page nobody");

    protected override void Validate(ConfigSet set, IReadOnlyList<EscalationPolicyConfig> policies, ConfigErrors errors)
    {
        errors.Duplicates(policies, p => p.Key, p => p.Where, "escalation policy");
        CheckPolicies(policies, set.Severity, errors);
    }

    protected override Task StageAsync(
        ConfigSet set, IReadOnlyList<EscalationPolicyConfig> policies, ConfigStaging staging, IServiceProvider services, CancellationToken ct) =>
        new EscalationPolicyStage(services.GetRequiredService<FirebreakDb>(), services.GetRequiredService<EscalationPolicyService>(), options)
            .StageAsync(staging, set, policies, ct);

    protected override EscalationPolicyConfig? ReadItem(YamlMappingNode map, int index, YamlReading yaml)
    {
        yaml.Known(map, s_policyFields);
        var key = yaml.Required(map, "key");
        if (key is not null && (!EscalationPolicyService.IsKey(key) || key == ServiceConfig.NoPolicy))
        {
            yaml.Error(YamlReading.At(map, "key"), key == ServiceConfig.NoPolicy
                ? "escalation policy key 'none' is taken: a service's 'escalation_policy: none' means no policy"
                : $"escalation policy key '{key}': use 1–64 lowercase letters, digits and dashes, e.g. 'payments'");
        }

        var lines = new Dictionary<string, SourceRef>(StringComparer.Ordinal);
        foreach (var field in s_policyLists.Where(f => YamlReading.Has(map, f)))
        {
            lines[field] = yaml.Where(YamlReading.At(map, field));
        }

        var steps = new List<StepSpec>();
        if (map.Children.TryGetValue(new YamlScalarNode("steps"), out var stepsNode))
        {
            steps.AddRange(yaml.Items(stepsNode, (step, i) => ReadStep(step, i, lines, yaml)));
        }
        else
        {
            yaml.Error(map, "'steps' is required: a policy pages someone at least once");
        }

        var rules = map.Children.TryGetValue(new YamlScalarNode("rules"), out var rulesNode)
            ? yaml.Items(rulesNode, (rule, i) => ReadPolicyRule(rule, i, lines, yaml)).ToList()
            : [];
        var repeats = yaml.WholeNumber(map, "repeats");
        if (key is null)
        {
            return null;
        }

        return new EscalationPolicyConfig(key, yaml.Str(map, "name") ?? key, yaml.Str(map, "description"), new PolicySpec(steps, repeats ?? 0, rules), yaml.Where(map), lines);
    }

    private static StepSpec? ReadStep(YamlMappingNode map, int index, Dictionary<string, SourceRef> lines, YamlReading yaml)
    {
        yaml.Known(map, s_stepFields);
        LinesOf(map, $"step {index + 1}", s_stepFields, lines, yaml);
        var targets = map.Children.TryGetValue(new YamlScalarNode("targets"), out var t) ? yaml.StringOrList(t) : [];
        return new StepSpec(targets, yaml.Str(map, "delay"));
    }

    private static RuleSpec? ReadPolicyRule(YamlMappingNode map, int index, Dictionary<string, SourceRef> lines, YamlReading yaml)
    {
        yaml.Known(map, s_policyRuleFields);
        LinesOf(map, $"rule {index + 1}", s_policyRuleFields, lines, yaml);
        var when = map.Children.TryGetValue(new YamlScalarNode("when"), out var w) ? yaml.StringOrList(w) : [];
        var notify = map.Children.TryGetValue(new YamlScalarNode("notify"), out var n) ? yaml.StringOrList(n) : [];
        return new RuleSpec(yaml.Str(map, "key"), when, notify);
    }

    private static void LinesOf(YamlMappingNode map, string part, string[] fields, Dictionary<string, SourceRef> lines, YamlReading yaml)
    {
        lines[part] = yaml.Where(map);
        foreach (var field in fields.Where(f => YamlReading.Has(map, f)))
        {
            lines[$"{part}.{field}"] = yaml.Where(YamlReading.At(map, field));
        }
    }

    /// <summary>
    /// Severities are checked against the file's own scheme when it has one; without one they are checked on plan and
    /// apply against the database's, which validate does not open.
    /// </summary>
    private static void CheckPolicies(IReadOnlyList<EscalationPolicyConfig> policies, SeverityScheme? scheme, ConfigErrors errors)
    {
        foreach (var policy in policies)
        {
            var (_, _, problems) = policy.Spec.Build(key => scheme is null ? 0 : scheme.Find(key)?.Rank);
            errors.AddRange(problems.Select(p => new ConfigError(LineOf(policy, p), $"escalation policy '{policy.Key}': {p}")));
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
