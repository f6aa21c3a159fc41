namespace Firebreak.Server.Features.Escalation;

/// <summary>An escalation policy as written (<see cref="Core.Escalation.PolicySpec"/> as JSON), validated on save.</summary>
public sealed class EscalationPolicyRecord
{
    public long Id { get; set; }

    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public required string SpecJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
