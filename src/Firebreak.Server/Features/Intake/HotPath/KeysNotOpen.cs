namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>
/// Dedup keys the repeat path looked up just before and found no open alert for, per integration. Only the intake writer
/// opens alerts, so on this node none of them can have opened since: the full path need not look them up again. Good
/// for one attempt only — a retry after another node stored the same open alert first must read what it stored.
/// </summary>
public sealed class KeysNotOpen(IReadOnlyDictionary<long, HashSet<string>> byIntegration)
{
    public static KeysNotOpen None { get; } = new(new Dictionary<long, HashSet<string>>());

    /// <summary>Of <paramref name="keys"/>, those that may be open and so must be read.</summary>
    public List<string> MayBeOpen(long integrationId, IEnumerable<string> keys) =>
        byIntegration.TryGetValue(integrationId, out var notOpen) ? [.. keys.Where(k => !notOpen.Contains(k))] : [.. keys];
}
