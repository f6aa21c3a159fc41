using Firebreak.Server.Features.Incidents;

namespace Firebreak.Server.Features.Escalation;

/// <summary>
/// The escalation running for one incident: the policy as it was when the incident opened (later edits to the policy
/// do not change an escalation in flight), and how far it has got.
/// </summary>
public sealed class IncidentEscalation
{
    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public required string PolicyKey { get; set; }

    public required string PolicyName { get; set; }

    /// <summary>The policy's <see cref="Core.Escalation.PolicySpec"/> at the time the incident opened.</summary>
    public required string SpecJson { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The due instant of the last step fired; the plan continues after it.</summary>
    public DateTimeOffset? LastFiredDue { get; set; }

    public int StepsFired { get; set; }

    /// <summary>Instants someone pressed "escalate now", as JSON.</summary>
    public string EscalatedNowJson { get; set; } = "[]";

    /// <summary>Keys of condition rules that have fired, as JSON; each fires once.</summary>
    public string FiredRulesJson { get; set; } = "[]";
}
