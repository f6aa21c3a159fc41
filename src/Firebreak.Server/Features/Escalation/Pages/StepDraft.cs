namespace Firebreak.Server.Features.Escalation.Pages;

/// <summary>One step: who is paged ("user:ana, schedule:primary, commander") and how long to wait for an acknowledgement.</summary>
public sealed class StepDraft
{
    public string Targets { get; set; } = "";

    public string Delay { get; set; } = "5m";
}
