using Firebreak.Core.Escalation;
using Firebreak.Server.Features.Escalation;

namespace Firebreak.Server.Features.Escalation.Pages;

/// <summary>
/// A policy as the editor holds it: targets and conditions as the text the admin typed, comma-separated, so a
/// half-finished edit is never lost to parsing; the service's validation names what is wrong on save.
/// </summary>
public sealed class PolicyDraft
{
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public int Repeats { get; set; }

    public List<StepDraft> Steps { get; set; } = [new()];

    public List<ConditionRuleDraft> Rules { get; set; } = [];

    public static PolicyDraft From(PolicyDto policy) => new()
    {
        Name = policy.Name,
        Description = policy.Description ?? "",
        Repeats = policy.Repeats,
        Steps = [.. policy.Steps.Select(s => new StepDraft { Targets = Join(s.Targets), Delay = s.Delay ?? "" })],
        Rules = [.. policy.Rules.Select(r => new ConditionRuleDraft { Key = r.Key ?? "", When = Join(r.When), Notify = Join(r.Notify) })],
    };

    public void Move(StepDraft step, int by)
    {
        var from = Steps.IndexOf(step);
        var to = from + by;
        if (from < 0 || to < 0 || to >= Steps.Count)
        {
            return;
        }

        Steps.RemoveAt(from);
        Steps.Insert(to, step);
    }

    public PolicySpec ToSpec() => new(
        [.. Steps.Select(s => new StepSpec(Split(s.Targets), Blank(s.Delay)))],
        Repeats,
        [.. Rules.Select(r => new RuleSpec(Blank(r.Key), Split(r.When), Split(r.Notify)))]);

    public PolicyRequest ToRequest()
    {
        var spec = ToSpec();
        return new PolicyRequest(Name, Blank(Description), [.. spec.Steps], spec.Repeats, [.. spec.Rules ?? []]);
    }

    public static string Join(IEnumerable<string> items) => string.Join(", ", items);

    /// <summary>The targets text with <paramref name="target"/> added at the end, unless it is already there.</summary>
    public static string Append(string targets, string? target)
    {
        var list = Split(targets);
        if (!string.IsNullOrWhiteSpace(target) && !list.Contains(target, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(target);
        }

        return Join(list);
    }

    private static List<string> Split(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
