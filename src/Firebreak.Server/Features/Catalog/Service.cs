namespace Firebreak.Server.Features.Catalog;

public sealed class Service
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public long? OwnerTeamId { get; set; }
    public Team? OwnerTeam { get; set; }

    /// <summary>IANA zone for this service's maintenance windows and local times; UTC when unset.</summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// Where an alert-opened incident goes when all its alerts resolve: straight to resolved, or to monitoring so a
    /// person confirms the recovery.
    /// </summary>
    public string AutoResolveTo { get; set; } = "resolved";

    /// <summary>The escalation policy that pages people for this service's incidents; nobody is paged when unset.</summary>
    public long? EscalationPolicyId { get; set; }
}
