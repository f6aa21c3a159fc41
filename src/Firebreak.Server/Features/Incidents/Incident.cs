using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;

namespace Firebreak.Server.Features.Incidents;

public sealed class Incident
{
    public long Id { get; set; }
    public int Number { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? Impact { get; set; }
    public required string SeverityKey { get; set; }
    public long? ServiceId { get; set; }
    public Service? Service { get; set; }
    public IncidentStatus Status { get; set; }
    public bool IsDrill { get; set; }
    public long? DeclaredById { get; set; }

    public DateTimeOffset DeclaredAt { get; set; }
    public DateTimeOffset? ImpactStartedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? IdentifiedAt { get; set; }
    public DateTimeOffset? MitigatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The acknowledgement that stands now (see <see cref="IncidentTimestamps.LastAcknowledgedAt"/>).</summary>
    public DateTimeOffset? LastAcknowledgedAt { get; set; }

    /// <summary>The last time an alert fired again while the incident was in monitoring; its escalation restarts from then.</summary>
    public DateTimeOffset? RefiredAt { get; set; }

    /// <summary>How a resolved incident ended (<see cref="IncidentResolutions"/>); cleared when it is reopened.</summary>
    public string? Resolution { get; set; }

    /// <summary>Open and nobody has answered it (yet, or since it fired again): paging goes on.</summary>
    public bool AwaitingAcknowledgement => Status.IsOpen() && LastAcknowledgedAt is null;

    public long? CommanderId { get; set; }
    public User? Commander { get; set; }
    public long? TechLeadId { get; set; }
    public User? TechLead { get; set; }
    public long? CommsLeadId { get; set; }
    public User? CommsLead { get; set; }
    public long? ScribeId { get; set; }
    public User? Scribe { get; set; }

    /// <summary>Set on incidents opened by an alert: later alerts with the same key join this incident.</summary>
    public string? AlertGroupKey { get; set; }

    public DateTimeOffset? LastAlertAt { get; set; }

    /// <summary>Bumped on every change so two responders editing at once cannot silently overwrite each other.</summary>
    public int Revision { get; set; }

    public List<ChecklistItem> Checklist { get; set; } = [];
    public List<TimelineEntry> Timeline { get; set; } = [];

    public IncidentTimestamps Timestamps =>
        new(DeclaredAt, ImpactStartedAt, AcknowledgedAt, IdentifiedAt, MitigatedAt, ResolvedAt, ClosedAt, LastAcknowledgedAt);

    public void Apply(IncidentTimestamps s)
    {
        ImpactStartedAt = s.ImpactStartedAt;
        AcknowledgedAt = s.AcknowledgedAt;
        IdentifiedAt = s.IdentifiedAt;
        MitigatedAt = s.MitigatedAt;
        ResolvedAt = s.ResolvedAt;
        ClosedAt = s.ClosedAt;
        LastAcknowledgedAt = s.LastAcknowledgedAt;
    }

    public long? RoleHolderId(IncidentRole role) => role switch
    {
        IncidentRole.Commander => CommanderId,
        IncidentRole.TechLead => TechLeadId,
        IncidentRole.CommsLead => CommsLeadId,
        _ => ScribeId,
    };

    public void SetRoleHolder(IncidentRole role, long? userId)
    {
        switch (role)
        {
            case IncidentRole.Commander: CommanderId = userId; break;
            case IncidentRole.TechLead: TechLeadId = userId; break;
            case IncidentRole.CommsLead: CommsLeadId = userId; break;
            default: ScribeId = userId; break;
        }
    }
}
