namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>
/// Dedup keys the repeat path looked up just before and found no open alert for, per integration. Only the intake writer
/// opens alerts, so on this node none of them can have opened since: the full path need not look them up again. Good
/// for one attempt only — a retry after another node stored the same open alert first must read what it stored.
/// </summary>
public sealed class KeysNotOpen
{
    private readonly Dictionary<long, HashSet<string>> _byIntegration = [];

    public static KeysNotOpen None { get; } = new();

    public void Add(long integrationId, IEnumerable<string> keys)
    {
        if (!_byIntegration.TryGetValue(integrationId, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            _byIntegration[integrationId] = set;
        }

        set.UnionWith(keys);
    }

    /// <summary>Of <paramref name="keys"/>, those that may be open and so must be read.</summary>
    public List<string> MayBeOpen(long integrationId, IEnumerable<string> keys) =>
        _byIntegration.TryGetValue(integrationId, out var notOpen) ? [.. keys.Where(k => !notOpen.Contains(k))] : [.. keys];
}
