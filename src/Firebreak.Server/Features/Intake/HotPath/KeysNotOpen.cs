namespace Firebreak.Server.Features.Intake.HotPath;

/// <summary>
/// What the hot path looked up just before and found nothing for: dedup keys with no open alert, per integration, and
/// alert groups with no open incident (and how far back it looked). Only the intake writer opens alerts and
/// alert-group incidents, so on this node none of them can have opened since: the full path need not look again.
/// Good for one attempt only — a retry after another node stored the same open alert first must read what it stored.
/// </summary>
public sealed class KeysNotOpen(IReadOnlyDictionary<long, HashSet<string>> byIntegration, IReadOnlyDictionary<string, DateTimeOffset>? groupsLookedSince = null)
{
    public static KeysNotOpen None { get; } = new(new Dictionary<long, HashSet<string>>());

    /// <summary>Of <paramref name="keys"/>, those that may be open and so must be read.</summary>
    public List<string> MayBeOpen(long integrationId, IEnumerable<string> keys) =>
        byIntegration.TryGetValue(integrationId, out var notOpen) ? [.. keys.Where(k => !notOpen.Contains(k))] : [.. keys];

    /// <summary>
    /// Whether the group had no open incident with an alert since <paramref name="since"/>: true when the hot path
    /// looked back at least that far and found none.
    /// </summary>
    public bool HasNoIncident(string groupKey, DateTimeOffset since) =>
        groupsLookedSince is not null && groupsLookedSince.TryGetValue(groupKey, out var looked) && looked <= since;
}
