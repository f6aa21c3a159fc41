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

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(s|m|h|d|w)")]
    private static partial Regex Part();
}
