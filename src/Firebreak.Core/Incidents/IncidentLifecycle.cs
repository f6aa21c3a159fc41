namespace Firebreak.Core.Incidents;

/// <summary>
/// Which status changes are allowed, and what each one stamps. Responders may skip forward (a quick fix goes straight
/// from investigating to resolved) and step back while the incident is open (a relapse from monitoring to mitigating);
/// a resolved incident may be reopened or closed; a closed one is final.
/// </summary>
public static class IncidentLifecycle
{
    public static IReadOnlyList<IncidentStatus> AllowedFrom(IncidentStatus from) => from switch
    {
        IncidentStatus.Triggered =>
            [IncidentStatus.Investigating, IncidentStatus.Identified, IncidentStatus.Mitigating, IncidentStatus.Monitoring, IncidentStatus.Resolved],
        IncidentStatus.Investigating or IncidentStatus.Identified or IncidentStatus.Mitigating or IncidentStatus.Monitoring =>
            [.. ActiveStates.Where(s => s != from), IncidentStatus.Resolved],
        IncidentStatus.Resolved => [IncidentStatus.Investigating, IncidentStatus.Closed],
        _ => [],
    };

    public static bool CanTransition(IncidentStatus from, IncidentStatus to) => AllowedFrom(from).Contains(to);

    /// <summary>
    /// Applies a transition, or explains why it is not allowed. <paramref name="bySource"/>: the alert's source says the
    /// problem went away (all alerts resolved); that is no acknowledgement, so a milestone nobody reached stays unreached.
    /// </summary>
    public static TransitionResult Transition(IncidentStatus from, IncidentStatus to, IncidentTimestamps stamps, DateTimeOffset now, bool bySource = false)
    {
        if (!CanTransition(from, to))
        {
            var allowed = AllowedFrom(from);
            var hint = allowed.Count == 0
                ? $"a {from.ToWire()} incident cannot change status"
                : $"from {from.ToWire()} it can move to: {string.Join(", ", allowed.Select(s => s.ToWire()))}";
            return TransitionResult.Rejected(from == to
                ? $"the incident is already {to.ToWire()}"
                : $"cannot move from {from.ToWire()} to {to.ToWire()}; {hint}");
        }

        return TransitionResult.Accepted(bySource ? StampBySource(to, stamps, now) : Stamp(to, stamps, now));
    }

    private static IncidentStatus[] ActiveStates =>
        [IncidentStatus.Investigating, IncidentStatus.Identified, IncidentStatus.Mitigating, IncidentStatus.Monitoring];

    /// <summary>Someone answers an incident that is waiting for it (after a re-fire) without moving its status.</summary>
    public static IncidentTimestamps Acknowledge(IncidentTimestamps s, DateTimeOffset now) =>
        s with { AcknowledgedAt = s.AcknowledgedAt ?? now, LastAcknowledgedAt = s.LastAcknowledgedAt ?? now };

    // Metrics keep the first time a milestone was reached; reopening clears only the resolution so TTR counts the
    // final fix, while TTA and TTM still describe the first response. A person moving the status has answered.
    private static IncidentTimestamps Stamp(IncidentStatus to, IncidentTimestamps s, DateTimeOffset now)
    {
        if (to != IncidentStatus.Closed)
        {
            s = s with { LastAcknowledgedAt = s.LastAcknowledgedAt ?? now };
        }

        if (to == IncidentStatus.Investigating && s.ResolvedAt is not null)
        {
            return s with { ResolvedAt = null, ClosedAt = null };
        }

        var acked = s.AcknowledgedAt ?? now;
        return to switch
        {
            IncidentStatus.Investigating => s with { AcknowledgedAt = acked },
            IncidentStatus.Identified or IncidentStatus.Mitigating =>
                s with { AcknowledgedAt = acked, IdentifiedAt = s.IdentifiedAt ?? now },
            IncidentStatus.Monitoring =>
                s with { AcknowledgedAt = acked, IdentifiedAt = s.IdentifiedAt ?? now, MitigatedAt = s.MitigatedAt ?? now },
            IncidentStatus.Resolved => s with
            {
                AcknowledgedAt = acked,
                IdentifiedAt = s.IdentifiedAt ?? now,
                MitigatedAt = s.MitigatedAt ?? now,
                ResolvedAt = now,
            },
            IncidentStatus.Closed => s with { ClosedAt = now },
            _ => s,
        };
    }

    // The source ending the impact mitigates and resolves; only a person acknowledges or identifies. The source firing
    // again (back to investigating) undoes the standing acknowledgement: somebody has to answer anew.
    private static IncidentTimestamps StampBySource(IncidentStatus to, IncidentTimestamps s, DateTimeOffset now) => to switch
    {
        IncidentStatus.Investigating => s with { LastAcknowledgedAt = null },
        IncidentStatus.Monitoring => s with { MitigatedAt = s.MitigatedAt ?? now },
        IncidentStatus.Resolved => s with { MitigatedAt = s.MitigatedAt ?? now, ResolvedAt = now },
        _ => Stamp(to, s, now),
    };
}

public sealed record TransitionResult(bool Ok, IncidentTimestamps? Stamps, string? Error)
{
    public static TransitionResult Accepted(IncidentTimestamps stamps) => new(true, stamps, null);

    public static TransitionResult Rejected(string error) => new(false, null, error);
}
