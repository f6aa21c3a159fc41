namespace Firebreak.Server.Features.Incidents;

/// <summary>One append-only line of an incident's history.</summary>
public sealed class TimelineEntry
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorKind { get; set; }
    public long? ActorUserId { get; set; }
    public required string ActorName { get; set; }
    public required string Kind { get; set; }
    public required string Text { get; set; }
}
