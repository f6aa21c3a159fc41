using System.Globalization;
using System.Text.RegularExpressions;
using Firebreak.Core.Config;
using NodaTime;

namespace Firebreak.Core.Escalation;

/// <param name="Targets">"user:alice", "schedule:payments-primary" or "commander".</param>
/// <param name="Delay">How long to wait for an acknowledgement before the next step: 5m, 1h.</param>
public sealed record StepSpec(IReadOnlyList<string> Targets, string? Delay);

/// <param name="When">Clauses that must all hold: "severity SEV-1" (that severity or worse), "not acknowledged within
/// 10m", "not mitigated within 15m", "not resolved within 1h", "acknowledge target breached", "mitigate target
/// breached".</param>
public sealed record RuleSpec(string? Key, IReadOnlyList<string> When, IReadOnlyList<string> Notify);

/// <summary>
/// An escalation policy as people write it in config files and API bodies. <see cref="Build"/> parses and validates it
/// in one pass, naming every problem with its step or rule and field.
/// </summary>
public sealed partial record PolicySpec(IReadOnlyList<StepSpec> Steps, int Repeats = 0, IReadOnlyList<RuleSpec>? Rules = null)
{
    /// <param name="severityRank">The rank of a severity key in the active scheme (0 most severe), or null if unknown.</param>
    public (EscalationPolicy? Policy, IReadOnlyList<ConditionRule> Rules, IReadOnlyList<string> Errors) Build(Func<string, int?> severityRank)
    {
        var errors = new List<string>();
        var steps = new List<EscalationStep>();
        for (var i = 0; i < Steps.Count; i++)
        {
            var spec = Steps[i];
            var where = $"step {i + 1}";
            var targets = ParseTargets(spec.Targets, where, errors);
            Duration delay = Duration.Zero;
            if (!DurationParser.TryParse(spec.Delay, out var span))
            {
                errors.Add($"{where}: delay: '{spec.Delay}' is not a duration up to {DurationParser.LongestText} such as 5m or 1h");
            }
            else
            {
                delay = Duration.FromTimeSpan(span);
            }

            steps.Add(new EscalationStep(targets, delay));
        }

        var rules = new List<ConditionRule>();
        foreach (var (spec, i) in (Rules ?? []).Select((r, i) => (r, i)))
        {
            var where = $"rule {i + 1}{(string.IsNullOrWhiteSpace(spec.Key) ? "" : $" ({spec.Key})")}";
            var conditions = spec.When.Select(w => ParseCondition(w, severityRank, where, errors)).OfType<Condition>().ToList();
            rules.Add(new ConditionRule(spec.Key?.Trim() ?? "", conditions, ParseTargets(spec.Notify, where, errors)));
        }

        var policy = new EscalationPolicy(steps, Repeats);
        if (errors.Count == 0)
        {
            errors.AddRange(policy.Validate());
            errors.AddRange(ConditionRule.Validate(rules));
        }

        return errors.Count == 0 ? (policy, rules, []) : (null, [], errors);
    }

    /// <summary>The users and schedules the policy names, for checking they exist.</summary>
    public IEnumerable<EscalationTarget> AllTargets() =>
        Steps.SelectMany(s => s.Targets).Concat((Rules ?? []).SelectMany(r => r.Notify))
            .Select(t => TryParseTarget(t, out var target) ? target : null).OfType<EscalationTarget>().Distinct();

    public static bool TryParseTarget(string? text, out EscalationTarget target)
    {
        var t = text?.Trim() ?? "";
        target = EscalationTarget.IncidentCommander;
        if (t.Equals("commander", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var colon = t.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? "" : t[(colon + 1)..].Trim();
        if (name.Length == 0)
        {
            return false;
        }

        switch (t[..colon].Trim().ToLowerInvariant())
        {
            case "user":
                target = EscalationTarget.User(name);
                return true;
            case "schedule":
                target = EscalationTarget.Schedule(name);
                return true;
            default:
                return false;
        }
    }

    public static string Describe(EscalationTarget target) => target switch
    {
        UserTarget u => $"user:{u.UserId}",
        ScheduleTarget s => $"schedule:{s.ScheduleId}",
        _ => "commander",
    };

    private static List<EscalationTarget> ParseTargets(IReadOnlyList<string>? texts, string where, List<string> errors)
    {
        var targets = new List<EscalationTarget>();
        foreach (var text in texts ?? [])
        {
            if (TryParseTarget(text, out var target))
            {
                targets.Add(target);
            }
            else
            {
                errors.Add($"{where}: target '{text}' is not user:<name>, schedule:<key> or commander");
            }
        }

        return targets;
    }

    private static Condition? ParseCondition(string text, Func<string, int?> severityRank, string where, List<string> errors)
    {
        var t = Regex.Replace(text.Trim(), @"\s+", " ");
        if (SeverityClause().Match(t) is { Success: true } s)
        {
            if (severityRank(s.Groups[1].Value) is { } rank)
            {
                return Condition.SeverityAtOrWorse(rank);
            }

            errors.Add($"{where}: '{text}': '{s.Groups[1].Value}' is not a severity of the active scheme");
            return null;
        }

        if (WithinClause().Match(t) is { Success: true } w)
        {
            if (!DurationParser.TryParse(w.Groups[2].Value, out var within))
            {
                errors.Add($"{where}: '{text}': '{w.Groups[2].Value}' is not a duration up to {DurationParser.LongestText} such as 15m");
                return null;
            }

            var d = Duration.FromTimeSpan(within);
            return w.Groups[1].Value.ToLowerInvariant() switch
            {
                "acknowledged" => Condition.NotAcknowledgedWithin(d),
                "mitigated" => Condition.NotMitigatedWithin(d),
                _ => Condition.NotResolvedWithin(d),
            };
        }

        if (TargetClause().Match(t) is { Success: true } b)
        {
            return Condition.TargetBreached(b.Groups[1].Value.StartsWith("ack", StringComparison.OrdinalIgnoreCase) ? Milestone.Acknowledged : Milestone.Mitigated);
        }

        errors.Add(string.Create(CultureInfo.InvariantCulture,
            $"{where}: '{text}' is not a condition; write e.g. 'severity SEV-1', 'not mitigated within 15m' or 'acknowledge target breached'"));
        return null;
    }

    [GeneratedRegex(@"^severity\s+(\S+)(\s+or\s+worse)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SeverityClause();

    [GeneratedRegex(@"^not (acknowledged|mitigated|resolved) within (\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex WithinClause();

    [GeneratedRegex(@"^(acknowledge|ack|mitigate) target breached$", RegexOptions.IgnoreCase)]
    private static partial Regex TargetClause();
}
