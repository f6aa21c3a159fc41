using System.Globalization;
using System.Text.RegularExpressions;

namespace Firebreak.Core.Config;

/// <summary>Parses the durations people write in playbooks: 90s, 5m, 1h30m, 3d, 2w.</summary>
public static partial class DurationParser
{
    /// <summary>
    /// A year and a day: longer than any delay, window or target a playbook sets, and far from where clock arithmetic
    /// (an escalation step at incident start + delay) overflows.
    /// </summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    /// <summary><see cref="Longest"/> as people write it, for error messages.</summary>
    public const string LongestText = "366d";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text?.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        var matches = Part().Matches(s);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != s)
        {
            return false;
        }

        var seconds = 0d;
        foreach (Match m in matches)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            seconds += n * m.Groups[2].Value switch
            {
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                "d" => 86400,
                _ => 7 * 86400,
            };
        }

        if (seconds <= 0 || seconds > Longest.TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>The inverse of <see cref="TryParse"/>, exact to the second: 90m reads 1h30m, 45s reads 45s.</summary>
    public static string Format(TimeSpan value)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (amount, unit) in new[] { (value.Days, "d"), (value.Hours, "h"), (value.Minutes, "m"), (value.Seconds, "s") }.Where(p => p.Item1 != 0))
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }

        return text.Length == 0 ? "0s" : text.ToString();
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(s|m|h|d|w)")]
    private static partial Regex Part();
}
