using Firebreak.Server.Features.Incidents;

namespace Firebreak.Server.Features.Intake;

/// <summary>One dedup key within one integration, from its first trigger until it resolves.</summary>
public sealed class Alert
{
    public long Id { get; set; }
    public long IntegrationId { get; set; }
    public Integration? Integration { get; set; }
    public required string DedupKey { get; set; }

    /// <summary>
    /// Equals <see cref="DedupKey"/> while the alert is open and null once resolved. A unique index on
    /// (integration, open key) lets only one open alert exist per key — concurrent identical triggers cannot make two —
    /// while resolved alerts with the same key pile up as history.
    /// </summary>
    public string? OpenKey { get; set; }

    public required string Status { get; set; }
    public required string Summary { get; set; }
    public string? Source { get; set; }
    public required string Severity { get; set; }
    public required string SeverityKey { get; set; }
    public string? Component { get; set; }
    public string? Group { get; set; }
    public string? Class { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public Dictionary<string, string> Annotations { get; set; } = [];
    public string? DetailsJson { get; set; }
    public string? LinksJson { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public int Occurrences { get; set; }
    public long? IncidentId { get; set; }
    public Incident? Incident { get; set; }

    /// <summary>Why the alert opened no incident (its service was in maintenance), or null.</summary>
    public string? SuppressedBy { get; set; }
    public List<AlertEvent> Events { get; set; } = [];
}

public static class AlertStatus
{
    public const string Triggered = "triggered";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
}

/// <summary>Every event received for an alert, in order: the alert's own log.</summary>
public sealed class AlertEvent
{
    public long Id { get; set; }
    public long AlertId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Action { get; set; }
    public required string Outcome { get; set; }
    public string? Summary { get; set; }
}
