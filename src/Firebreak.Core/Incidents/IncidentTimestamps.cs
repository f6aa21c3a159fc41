namespace Firebreak.Core.Incidents;

/// <summary>The moments an incident's response metrics are computed from.</summary>
/// <param name="AcknowledgedAt">The first acknowledgement: TTA.</param>
/// <param name="LastAcknowledgedAt">
/// The acknowledgement that stands now; empty while the incident waits for someone to answer, as after a re-fire during
/// monitoring asked for a new one. Paging stops on this, metrics keep the first.
/// </param>
public sealed record IncidentTimestamps(
    DateTimeOffset DeclaredAt,
    DateTimeOffset? ImpactStartedAt = null,
    DateTimeOffset? AcknowledgedAt = null,
    DateTimeOffset? IdentifiedAt = null,
    DateTimeOffset? MitigatedAt = null,
    DateTimeOffset? ResolvedAt = null,
    DateTimeOffset? ClosedAt = null,
    DateTimeOffset? LastAcknowledgedAt = null);
