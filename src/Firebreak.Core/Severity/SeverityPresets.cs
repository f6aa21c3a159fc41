namespace Firebreak.Core.Severity;

/// <summary>The two schemes most teams start from: SEV-1..SEV-4 and P0..P3.</summary>
public static class SeverityPresets
{
    private static readonly string[] s_triage =
    [
        "Assign an incident commander",
        "Confirm customer impact and affected components",
        "Post the first status update",
    ];

    private static readonly string[] s_majorTriage =
    [
        .. s_triage,
        "Open a bridge and page the service owner",
        "Decide on rollback or failover",
        "Notify support and leadership",
    ];

    public static SeverityScheme Sev { get; } = new("sev",
    [
        Level("SEV-1", "Critical", 0, "Full outage or data loss for many customers.", 5, 60, 30, 3 * 24 * 60, s_majorTriage),
        Level("SEV-2", "Major", 1, "Major feature broken or severely degraded for many customers.", 15, 4 * 60, 60, 5 * 24 * 60, s_majorTriage),
        Level("SEV-3", "Minor", 2, "Partial degradation with a workaround, or a small set of customers.", 60, 24 * 60, 4 * 60, 14 * 24 * 60, s_triage),
        Level("SEV-4", "Low", 3, "Cosmetic or internal-only issue with no customer impact.", 24 * 60, null, null, null, []),
    ]);

    public static SeverityScheme P { get; } = new("p",
    [
        Level("P0", "Critical", 0, "Service down or security breach; all hands.", 5, 60, 30, 3 * 24 * 60, s_majorTriage),
        Level("P1", "High", 1, "Core function impaired for many users.", 15, 4 * 60, 60, 5 * 24 * 60, s_majorTriage),
        Level("P2", "Medium", 2, "Degraded with workaround available.", 4 * 60, 3 * 24 * 60, null, 14 * 24 * 60, s_triage),
        Level("P3", "Low", 3, "Minor issue; fix in normal work.", 24 * 60, null, null, null, []),
    ]);

    public static SeverityScheme? ByName(string name) => name.ToUpperInvariant() switch
    {
        "SEV" => Sev,
        "P" => P,
        _ => null,
    };

    private static SeverityLevel Level(
        string key, string name, int rank, string description,
        int? ackMinutes, int? mitigateMinutes, int? updateMinutes, int? reviewMinutes, IReadOnlyList<string> checklist) =>
        new(key, name, rank, description,
            new ResponseTargets(Minutes(ackMinutes), Minutes(mitigateMinutes), Minutes(updateMinutes), Minutes(reviewMinutes)),
            checklist);

    private static TimeSpan? Minutes(int? m) => m is { } v ? TimeSpan.FromMinutes(v) : null;
}
