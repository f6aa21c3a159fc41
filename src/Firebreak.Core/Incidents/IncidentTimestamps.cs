namespace Firebreak.Core.Incidents;

/// <summary>The moments an incident's response metrics are computed from.</summary>
public sealed record IncidentTimestamps(
    DateTimeOffset DeclaredAt,
    DateTimeOffset? ImpactStartedAt = null,
    DateTimeOffset? AcknowledgedAt = null,
    DateTimeOffset? IdentifiedAt = null,
    DateTimeOffset? MitigatedAt = null,
    DateTimeOffset? ResolvedAt = null,
    DateTimeOffset? ClosedAt = null);
