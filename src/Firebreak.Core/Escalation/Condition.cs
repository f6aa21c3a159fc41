using NodaTime;

namespace Firebreak.Core.Escalation;

/// <summary>One clause of a condition rule. Each holds from some instant on, or never, given the facts.</summary>
public abstract record Condition
{
    /// <summary>The incident's severity is <paramref name="rank"/> or more severe (rank 0 is the most severe).</summary>
    public static Condition SeverityAtOrWorse(int rank) => new SeverityCondition(rank);

    public static Condition NotAcknowledgedWithin(Duration within) => new NotReachedCondition(Milestone.Acknowledged, within);

    public static Condition NotMitigatedWithin(Duration within) => new NotReachedCondition(Milestone.Mitigated, within);

    public static Condition NotResolvedWithin(Duration within) => new NotReachedCondition(Milestone.Resolved, within);

    /// <summary>The severity's acknowledge or mitigate target passed without the milestone.</summary>
    public static Condition TargetBreached(Milestone milestone) => new TargetBreachedCondition(milestone);

    /// <summary>The instant from which the condition holds, or null when it does not hold given the facts.</summary>
    public abstract Instant? HoldsFrom(IncidentFacts facts);

    internal abstract string? Problem { get; }

    /// <summary>Once passed, "not reached within" stays true; reaching the milestone exactly at the deadline counts as
    /// within.</summary>
    private protected static Instant? Deadline(IncidentFacts facts, Milestone milestone, Duration within)
    {
        var deadline = facts.Opened + within;
        return facts.Reached(milestone) is { } reached && reached <= deadline ? null : deadline;
    }
}

public sealed record SeverityCondition(int Rank) : Condition
{
    /// <summary>The severity is read as it is now; the engine asks again when it changes.</summary>
    public override Instant? HoldsFrom(IncidentFacts facts) => facts.SeverityRank <= Rank ? facts.Opened : null;

    internal override string? Problem => Rank < 0 ? $"severity rank {Rank} is below 0, the most severe" : null;
}

public sealed record NotReachedCondition(Milestone Milestone, Duration Within) : Condition
{
    public override Instant? HoldsFrom(IncidentFacts facts) => Deadline(facts, Milestone, Within);

    internal override string? Problem => Within < EscalationPolicy.MinimumDelay || !Enum.IsDefined(Milestone)
        ? $"'not {Milestone.ToString().ToLowerInvariant()} within' needs a known milestone and at least 1 minute"
        : null;
}

public sealed record TargetBreachedCondition(Milestone Milestone) : Condition
{
    public override Instant? HoldsFrom(IncidentFacts facts) => Target(facts) is { } target
        ? Deadline(facts, Milestone, Duration.FromTimeSpan(target))
        : null;

    internal override string? Problem => Milestone is Milestone.Acknowledged or Milestone.Mitigated
        ? null
        : $"severities set targets to acknowledge and to mitigate, not to be {Milestone.ToString().ToLowerInvariant()}";

    private TimeSpan? Target(IncidentFacts facts) => Milestone switch
    {
        Milestone.Acknowledged => facts.Targets.AcknowledgeWithin,
        Milestone.Mitigated => facts.Targets.MitigateWithin,
        _ => null,
    };
}
