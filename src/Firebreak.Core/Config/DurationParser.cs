using System.Globalization;
using System.Text.RegularExpressions;

namespace Firebreak.Core.Config;

/// <summary>Parses the durations people write in playbooks: 90s, 5m, 1h30m, 3d, 2w.</summary>
public static partial class DurationParser
{
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

        foreach (Match m in matches)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            value += m.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                _ => TimeSpan.FromDays(7 * n),
            };
        }

        return value > TimeSpan.Zero;
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
