namespace Firebreak.Server.Engine;

/// <summary>
/// A request that the work item of <see cref="Kind"/> (for <see cref="IncidentId"/>) run again soon, written in the same
/// transaction as the change that calls for it. Waking is an insert, never an update of the item: an update would race
/// the item's own run, which may have read the facts before this change and then reschedule itself over the wake, and
/// would fail on the item's lease fence whenever a run started or ended in between. A wake makes an idle item due (see
/// <see cref="WorkQueue.ApplyWakesAsync"/>); the run that saw it removes it once it has committed.
/// </summary>
public sealed class WorkWake
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public long? IncidentId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
