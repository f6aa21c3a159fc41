namespace Firebreak.Server.Features.Escalation.Pages;

/// <summary>One step: who is paged ("user:ana, schedule:primary, commander") and how long to wait for an acknowledgement.</summary>
public sealed class StepDraft
{
    public string Targets { get; set; } = "";

    public string Delay { get; set; } = "5m";

    /// <summary>Bumped when a target is picked, so the picker is drawn afresh and reads "Add…" again.</summary>
    public int Picked { get; private set; }

    public void Add(string? target)
    {
        Targets = PolicyDraft.Append(Targets, target);
        Picked++;
    }
}
