namespace Firebreak.Server.Features.OnCall.Pages;

/// <summary>The override form's fields; times are local to the schedule's zone until saved.</summary>
public sealed class OverrideDraft
{
    public string Person { get; set; } = "";

    public string Mode { get; set; } = "replace";

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }
}
