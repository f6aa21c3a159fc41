using NodaTime;

namespace Firebreak.Core.Escalation;

/// <summary>
/// "When all of <see cref="Conditions"/> hold, notify <see cref="Notify"/>" — for example SEV-1 and not mitigated
/// within 15 minutes. A rule fires at most once per incident: the engine records <see cref="Key"/> when it fires and
/// passes the fired keys to <see cref="Due"/>.
/// </summary>
public sealed record ConditionRule(string Key, IReadOnlyList<Condition> Conditions, IReadOnlyList<EscalationTarget> Notify)
{
    /// <summary>
    /// When the rule fires given the facts as known now, or null when it will not (unless the facts change). An instant
    /// in the past means "now": the severity may have been raised after the deadline passed. Nothing fires at or after
    /// resolution.
    /// </summary>
    public Instant? FiresAt(IncidentFacts facts)
    {
        Instant? at = null;
        foreach (var condition in Conditions)
        {
            if (condition.HoldsFrom(facts) is not { } from)
            {
                return null;
            }

            at = at is { } a && a > from ? a : from;
        }

        return at is { } fires && (facts.Resolved is not { } resolved || fires < resolved) ? fires : null;
    }

    /// <summary>The rules not fired yet that will fire, each with its instant, earliest first.</summary>
    public static IReadOnlyList<(ConditionRule Rule, Instant At)> Due(
        IEnumerable<ConditionRule> rules, IncidentFacts facts, IReadOnlySet<string> fired) =>
        [
            .. rules
                .Where(r => !fired.Contains(r.Key))
                .Select(r => (Rule: r, At: r.FiresAt(facts)))
                .Where(x => x.At is not null)
                .Select(x => (x.Rule, At: x.At!.Value))
                .OrderBy(x => x.At),
        ];

    /// <summary>What is wrong with a set of rules; empty when they are valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<ConditionRule> rules)
    {
        var problems = new List<string>();
        foreach (var dup in rules.GroupBy(r => r.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"rule key '{dup.Key}' is used more than once");
        }

        foreach (var rule in rules)
        {
            var name = string.IsNullOrWhiteSpace(rule.Key) ? "(no key)" : rule.Key;
            if (string.IsNullOrWhiteSpace(rule.Key))
            {
                problems.Add("a rule has no key; the key is how it fires only once");
            }

            if (rule.Conditions.Count == 0)
            {
                problems.Add($"rule '{name}' has no conditions");
            }

            if (rule.Notify.Count == 0)
            {
                problems.Add($"rule '{name}' notifies nobody");
            }

            problems.AddRange(rule.Conditions.Select(c => c.Problem)
                .Concat(rule.Notify.Select(t => t.Problem))
                .OfType<string>()
                .Select(p => $"rule '{name}': {p}"));
        }

        return problems;
    }
}
