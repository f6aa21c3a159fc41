using Firebreak.Server.Storage;

namespace Firebreak.Server.Engine;

/// <summary>The leased item, the unit of work's own database context, and the instant the run started.</summary>
public sealed record WorkContext(FirebreakDb Db, WorkItem Item, DateTimeOffset Now, IServiceProvider Services)
{
    /// <summary>Runs after the unit of work commits, e.g. telling open pages an incident changed.</summary>
    public List<Action> AfterCommit { get; } = [];
}

/// <summary>Done removes the item; <see cref="RunAgainAt"/> keeps it, due again then.</summary>
public sealed record WorkResult(DateTimeOffset? RunAgainAt)
{
    public static WorkResult Done { get; } = new((DateTimeOffset?)null);

    public static WorkResult At(DateTimeOffset at) => new(at);
}

/// <summary>
/// Runs one kind of work item. Changes go into <see cref="WorkContext.Db"/> without saving; the runner saves them with
/// the item's completion in one transaction, fenced by the lease. A handler that must commit before an outside effect
/// (a send) saves itself and touches the item so the lease fence applies to that commit too.
/// </summary>
public interface IWorkHandler
{
    string Kind { get; }

    /// <summary>
    /// Whether its items are woken by <see cref="WorkQueue.WakeAsync"/>: a run then first notes the wakes waiting, and
    /// removes those (only those) once it has committed, since what it read covers them.
    /// </summary>
    bool Wakeable => false;

    Task<WorkResult> HandleAsync(WorkContext work, CancellationToken ct);
}
