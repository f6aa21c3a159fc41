namespace Firebreak.Server.Features.Incidents;

/// <summary>
/// How an incident ended. A false positive (the alert was wrong, nothing was broken) is counted apart so that it
/// neither flatters nor spoils the response figures of real incidents, and so noisy alerts can be found and fixed.
/// </summary>
public static class IncidentResolutions
{
    public const string Fixed = "fixed";
    public const string FalsePositive = "false-positive";

    public static readonly IReadOnlyList<string> All = [Fixed, FalsePositive];

    /// <summary>The stored value for <paramref name="wire"/> (null means fixed), or null with an error when it is unknown.</summary>
    public static (string? Value, string? Error) Parse(string? wire)
    {
        var value = string.IsNullOrWhiteSpace(wire) ? Fixed : wire.Trim().ToLowerInvariant();
        return All.Contains(value)
            ? (value, null)
            : (null, $"Unknown resolution '{wire}'. Use one of: {string.Join(", ", All)}.");
    }

    public static string Describe(string resolution) => resolution == FalsePositive ? "false positive" : "fixed";
}
