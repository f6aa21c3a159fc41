namespace Firebreak.Server.Features.Escalation.Pages;

/// <summary>A condition rule: when every clause holds ("severity SEV-1, not mitigated within 15m"), page these too.</summary>
public sealed class ConditionRuleDraft
{
    public string Key { get; set; } = "";

    public string When { get; set; } = "";

    public string Notify { get; set; } = "";
}
