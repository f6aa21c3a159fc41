namespace Firebreak.Server.Features.StatusPage;

/// <summary>
/// What the public reads about an incident: its own title and updates, linked to the internal incident but never copying
/// from it, so the internal title, notes and timeline stay inside unless someone posts them. Shown once an update is published.
/// </summary>
public sealed class PublicIncident
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public required string Name { get; set; }

    /// <summary>The status of the latest published update (Statuspage's incident status).</summary>
    public required string Status { get; set; }
    public required string Impact { get; set; }

    /// <summary>Keys of the status components the incident concerns, from its service when the first update was posted.</summary>
    public List<string> Components { get; set; } = [];

    /// <summary>Set on this incident (beside its severity's <c>external_comms: needs_approval</c>): updates wait for approval.</summary>
    public bool NeedsApproval { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When its first update was published; null keeps it off the page.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? MonitoringAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public List<PublicIncidentUpdate> Updates { get; set; } = [];
}

/// <summary>One public update; pending (not <see cref="PublishedAt"/>) while it waits for the commander's or an admin's approval.</summary>
public sealed class PublicIncidentUpdate
{
    public long Id { get; set; }
    public long PublicIncidentId { get; set; }
    public required string Status { get; set; }

    /// <summary>The public title this update gives the incident; null keeps the one it has.</summary>
    public string? Title { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? ApprovedBy { get; set; }
}
