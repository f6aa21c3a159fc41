using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Firebreak.Core.OnCall;

/// <summary>
/// Restrictions as people write them: "Mon-Fri", "Sat,Sun", "09:00-17:00", "Mon-Fri 09:00-17:00", "22:00-06:00"
/// (past midnight), or a weekly window "Fri 17:00 - Mon 09:00".
/// </summary>
public static partial class RestrictionText
{
    private static readonly LocalTimePattern s_time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private static readonly Dictionary<string, IsoDayOfWeek> s_days = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = IsoDayOfWeek.Monday,
        ["tue"] = IsoDayOfWeek.Tuesday,
        ["wed"] = IsoDayOfWeek.Wednesday,
        ["thu"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday,
        ["sat"] = IsoDayOfWeek.Saturday,
        ["sun"] = IsoDayOfWeek.Sunday,
    };

    /// <summary>The restriction, or null with the reason added to <paramref name="errors"/>.</summary>
    public static Restriction? Parse(string? text, List<string> errors)
    {
        var trimmed = text?.Trim() ?? "";
        if (WeeklyWindow().Match(trimmed) is { Success: true } weekly
            && Day(weekly.Groups["d1"].Value) is { } fromDay && Day(weekly.Groups["d2"].Value) is { } toDay
            && Clock(weekly.Groups["t1"].Value) is { } from && Clock(weekly.Groups["t2"].Value) is { } to)
        {
            return Restriction.Weekly(fromDay, from, toDay, to);
        }

        if (DaysAndHours().Match(trimmed) is { Success: true } match)
        {
            var days = match.Groups["days"].Success ? DaySet(match.Groups["days"].Value) : [];
            var hours = match.Groups["hours"];
            if (days is not null && (match.Groups["days"].Success || hours.Success))
            {
                if (!hours.Success)
                {
                    return Restriction.Weekdays([.. days]);
                }

                if (Clock(match.Groups["t1"].Value) is { } start && Clock(match.Groups["t2"].Value) is { } end)
                {
                    return Restriction.TimeOfDay(start, end, [.. days]);
                }
            }
        }

        errors.Add($"restriction: '{text}' is not understood; write e.g. 'Mon-Fri', '09:00-17:00', 'Mon-Fri 09:00-17:00' or 'Fri 17:00 - Mon 09:00'");
        return null;
    }

    private static List<IsoDayOfWeek>? DaySet(string text)
    {
        var days = new List<IsoDayOfWeek>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length is < 1 or > 2 || Day(range[0]) is not { } first || Day(range[^1]) is not { } last)
            {
                return null;
            }

            // Mon-Fri, and ranges that wrap the week such as Fri-Mon.
            for (var d = first; ; d = d == IsoDayOfWeek.Sunday ? IsoDayOfWeek.Monday : d + 1)
            {
                days.Add(d);
                if (d == last)
                {
                    break;
                }
            }
        }

        return days.Count == 0 ? null : days;
    }

    // "Mon" or "Monday", not "Monkey".
    private static IsoDayOfWeek? Day(string text) =>
        text.Length >= 3 && s_days.TryGetValue(text[..3], out var day)
            && (text.Length == 3 || string.Equals(day.ToString(), text, StringComparison.OrdinalIgnoreCase))
            ? day
            : null;

    private static LocalTime? Clock(string text) => s_time.Parse(text) is { Success: true } t ? t.Value : null;

    [GeneratedRegex(@"^(?<d1>[A-Za-z]{3,9})\s+(?<t1>\d{2}:\d{2})\s*-\s*(?<d2>[A-Za-z]{3,9})\s+(?<t2>\d{2}:\d{2})$")]
    private static partial Regex WeeklyWindow();

    [GeneratedRegex(@"^(?<days>[A-Za-z][A-Za-z,\s-]*?)?\s*(?<hours>(?<t1>\d{2}:\d{2})\s*-\s*(?<t2>\d{2}:\d{2}))?$")]
    private static partial Regex DaysAndHours();
}
