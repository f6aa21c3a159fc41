using Firebreak.Core.Severity;
using NodaTime;

namespace Firebreak.Core.Escalation;

/// <summary>
/// What escalation and condition rules need to know about an incident. <see cref="SeverityRank"/> 0 is the most
/// severe; <see cref="Targets"/> are the current severity's. <see cref="EscalatedNow"/> holds the instants someone
/// asked to escalate now.
/// </summary>
public sealed record IncidentFacts(Instant Opened)
{
    public int? SeverityRank { get; init; }

    public ResponseTargets Targets { get; init; } = ResponseTargets.None;

    public Instant? Acknowledged { get; init; }

    public Instant? Mitigated { get; init; }

    public Instant? Resolved { get; init; }

    public IReadOnlyList<Instant> EscalatedNow { get; init; } = [];

    public IncidentFacts EscalateNow(Instant at) => this with { EscalatedNow = [.. EscalatedNow, at] };

    /// <summary>When <paramref name="milestone"/> was reached. A later milestone implies the earlier ones, even when
    /// the incident skipped them (resolved without anyone acknowledging).</summary>
    public Instant? Reached(Milestone milestone) => milestone switch
    {
        Milestone.Acknowledged => Earliest(Acknowledged, Earliest(Mitigated, Resolved)),
        Milestone.Mitigated => Earliest(Mitigated, Resolved),
        Milestone.Resolved => Resolved,
        _ => throw new ArgumentOutOfRangeException(nameof(milestone), milestone, null),
    };

    private static Instant? Earliest(Instant? a, Instant? b) => a is { } x && b is { } y ? (x < y ? x : y) : a ?? b;
}

public enum Milestone
{
    Acknowledged,
    Mitigated,
    Resolved,
}
