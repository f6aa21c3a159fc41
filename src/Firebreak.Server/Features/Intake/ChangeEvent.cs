namespace Firebreak.Server.Features.Intake;

/// <summary>
/// Something that changed (a deploy, a config push, a flag flip), sent through PagerDuty's change-events API. It pages
/// nobody; it is shown on its service and on incidents that follow it, because "what changed?" is the first question.
/// </summary>
public sealed class ChangeEvent
{
    public long Id { get; set; }
    public long IntegrationId { get; set; }
    public long? ServiceId { get; set; }
    public required string Summary { get; set; }
    public string? Source { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string? LinksJson { get; set; }
    public string? DetailsJson { get; set; }
}
