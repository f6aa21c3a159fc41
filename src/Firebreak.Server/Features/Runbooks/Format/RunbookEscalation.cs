using Firebreak.Core.Config;
using Firebreak.Core.Escalation;

namespace Firebreak.Server.Features.Runbooks.Format;

/// <summary>
/// An <c>```escalate</c> block: whom to page when a run goes wrong, either once step <see cref="AfterStep"/> has failed
/// <see cref="Times"/> times in one run, or when the run is still unfinished <see cref="UnfinishedAfter"/> after it started.
/// Targets are those of escalation policies (users, schedules, the commander) and are paged the same way;
/// <see cref="PageLine"/> is where they are written, for config to point at a name it does not know.
/// </summary>
public sealed record RunbookEscalation(int Number, long Line, int? AfterStep, int Times, TimeSpan? UnfinishedAfter, IReadOnlyList<EscalationTarget> Page, long PageLine)
{
    /// <summary>The trigger in words, for the timeline and the runbook page: "after step 3 fails twice".</summary>
    public string Trigger => UnfinishedAfter is { } after
        ? $"if the run is not finished in {DurationParser.Format(after)}"
        : $"after step {AfterStep} fails {Times switch { 1 => "once", 2 => "twice", _ => $"{Times} times" }}";

    public string Targets => string.Join(", ", Page.Select(PolicySpec.Describe));
}
