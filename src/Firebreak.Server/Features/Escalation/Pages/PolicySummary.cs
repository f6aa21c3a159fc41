using Firebreak.Core.Escalation;

namespace Firebreak.Server.Features.Escalation.Pages;

/// <summary>A policy's steps in one line for the list: "1. user:ana → after 5m 2. schedule:primary".</summary>
public static class PolicySummary
{
    public static string Steps(IReadOnlyList<StepSpec> steps, int repeats)
    {
        if (steps.Count == 0)
        {
            return "no steps";
        }

        var parts = steps.Select((s, i) => $"{i + 1}. {PolicyDraft.Join(s.Targets)}" + (i < steps.Count - 1 ? $" → after {s.Delay}" : ""));
        var text = string.Join(" ", parts);
        return repeats > 0 ? $"{text} (repeats {repeats}×)" : text;
    }
}
