namespace Firebreak.Server.Features.Auth;

/// <summary>
/// A hook other features register so people management can tell where someone is on call or paged without naming
/// those features: schedules and escalation policies each answer for themselves. Answers come from the caller's unit
/// of work, so config apply sees the schedules and policies it is about to write.
/// </summary>
public interface IOnCallReferences
{
    /// <summary>Each place <paramref name="username"/> is on call or paged, e.g. "schedule 'payments' (layer 'primary')".</summary>
    Task<IReadOnlyList<string>> FindAsync(string username, CancellationToken ct);
}
