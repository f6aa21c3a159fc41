using System.Globalization;
using NodaTime;

namespace Firebreak.Core.Escalation;

/// <summary>One step: whom to notify, and how long to wait for an acknowledgement before the next step.</summary>
public sealed record EscalationStep(IReadOnlyList<EscalationTarget> Targets, Duration Delay);

/// <summary>Ordered steps, run once and then <see cref="Repeats"/> more times unless the incident is acknowledged.</summary>
public sealed record EscalationPolicy(IReadOnlyList<EscalationStep> Steps, int Repeats = 0)
{
    public const int MaxRepeats = 9;

    /// <summary>Shorter delays would page the next step before anyone could reasonably acknowledge.</summary>
    public static Duration MinimumDelay { get; } = Duration.FromMinutes(1);

    /// <summary>What is wrong with the policy; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Steps.Count == 0)
        {
            problems.Add("an escalation policy needs at least one step");
        }

        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            if (step.Targets.Count == 0)
            {
                problems.Add($"step {i + 1} notifies nobody; add a user, a schedule or the incident commander");
            }

            problems.AddRange(step.Targets.Select(t => t.Problem).OfType<string>().Select(p => $"step {i + 1}: {p}"));
            if (step.Delay < MinimumDelay)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"step {i + 1}: the delay before the next step ({step.Delay.TotalMinutes:0.##} min) must be at least 1 minute"));
            }
        }

        if (Repeats is < 0 or > MaxRepeats)
        {
            problems.Add($"the repeat count ({Repeats}) must be between 0 and {MaxRepeats}");
        }

        return problems;
    }
}
