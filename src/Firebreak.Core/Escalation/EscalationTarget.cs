namespace Firebreak.Core.Escalation;

/// <summary>Who an escalation step or condition rule notifies.</summary>
public abstract record EscalationTarget
{
    public static EscalationTarget User(string userId) => new UserTarget(userId);

    /// <summary>Whoever the schedule has on call when the step fires.</summary>
    public static EscalationTarget Schedule(string scheduleId) => new ScheduleTarget(scheduleId);

    /// <summary>The incident's commander when the step fires; nobody when the role is unassigned.</summary>
    public static EscalationTarget IncidentCommander { get; } = new IncidentCommanderTarget();

    internal virtual string? Problem => null;
}

public sealed record UserTarget(string UserId) : EscalationTarget
{
    internal override string? Problem => string.IsNullOrWhiteSpace(UserId) ? "a user target names no user" : null;
}

public sealed record ScheduleTarget(string ScheduleId) : EscalationTarget
{
    internal override string? Problem => string.IsNullOrWhiteSpace(ScheduleId) ? "a schedule target names no schedule" : null;
}

public sealed record IncidentCommanderTarget : EscalationTarget;
