using NodaTime;

namespace Firebreak.Core.Escalation;

/// <summary>Step <see cref="Step"/> of round <see cref="Round"/> (both from 0) fires at <see cref="Due"/>;
/// <see cref="Manual"/> when someone escalated to it early.</summary>
public sealed record EscalationFiring(int Step, int Round, Instant Due, bool Manual = false);

/// <summary>
/// When each step of a policy fires for an incident. The first step fires when the incident opens; each next one a
/// step's delay after the one before; after the last step the policy starts over while repeats remain. Nothing fires at
/// or after the incident is acknowledged (or mitigated, or resolved). "Escalate now" at t fires the next step at t and
/// the plan continues from there; pressing it when a step is due at that very instant (or twice at once) adds nothing,
/// so due instants strictly increase.
/// </summary>
public static class EscalationPlan
{
    public static IReadOnlyList<EscalationFiring> Firings(EscalationPolicy policy, IncidentFacts facts)
    {
        var firings = new List<EscalationFiring>();
        var steps = policy.Steps.Count;
        var stop = facts.Reached(Milestone.Acknowledged) ?? Instant.MaxValue;
        var presses = facts.EscalatedNow.Where(p => p > facts.Opened).Order().ToList();
        var pressed = 0;
        var due = facts.Opened;
        for (var n = 0; n < steps * (Math.Clamp(policy.Repeats, 0, EscalationPolicy.MaxRepeats) + 1); n++)
        {
            var manual = pressed < presses.Count && presses[pressed] < due;
            if (manual)
            {
                due = presses[pressed];
            }

            if (due >= stop)
            {
                break;
            }

            firings.Add(new EscalationFiring(n % steps, n / steps, due, manual));
            while (pressed < presses.Count && presses[pressed] <= due)
            {
                pressed++;
            }

            due += policy.Steps[n % steps].Delay;
        }

        return firings;
    }

    /// <summary>
    /// The first firing due after <paramref name="after"/> (the due instant of the last firing the engine ran; null when
    /// it has run none), or null when nothing more will fire. Ask again whenever the facts change.
    /// </summary>
    public static EscalationFiring? NextDue(EscalationPolicy policy, IncidentFacts facts, Instant? after) =>
        Firings(policy, facts).FirstOrDefault(f => after is not { } a || f.Due > a);
}
