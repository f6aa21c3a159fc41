namespace Firebreak.Server.Engine;

/// <summary>
/// One piece of deferred work (an escalation to evaluate, a notification to send), written in the same transaction as
/// the change that caused it. A worker leases it until <see cref="LeaseUntil"/>; a lease that runs out is taken by any
/// node, and <see cref="LeaseOwner"/> is a concurrency token so the node that lost its lease cannot complete it.
/// </summary>
public sealed class WorkItem
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    /// <summary>Kind-specific data; for notifications, the delivery id.</summary>
    public string Payload { get; set; } = "";

    /// <summary>
    /// The incident the work is about, if any, so its work can be found and goes when it goes. The engine never reads
    /// it; the incidents feature maps it as a foreign key.
    /// </summary>
    public long? IncidentId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Failed runs since the item last succeeded; drives the retry backoff.</summary>
    public int Failures { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// Not stored. Set on work added due now: the node that commits it leases it to itself in that commit and runs it
    /// straight after, instead of waiting to claim it (see <see cref="WorkSignal"/>).
    /// </summary>
    public bool RunHere { get; set; }

    /// <summary>A detached copy of the stored columns.</summary>
    public WorkItem Copy() => new()
    {
        Id = Id,
        Kind = Kind,
        Payload = Payload,
        IncidentId = IncidentId,
        DueAt = DueAt,
        CreatedAt = CreatedAt,
        LeaseOwner = LeaseOwner,
        LeaseUntil = LeaseUntil,
        Failures = Failures,
        LastError = LastError,
    };
}
