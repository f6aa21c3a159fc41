namespace Firebreak.Server.Features.Audit;

public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public long? ActorUserId { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Resource { get; set; }
    public string? SourceAddress { get; set; }
    public string? Details { get; set; }
}
