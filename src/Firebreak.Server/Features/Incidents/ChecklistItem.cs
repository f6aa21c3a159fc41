namespace Firebreak.Server.Features.Incidents;

public sealed class ChecklistItem
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public bool Done { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
}
