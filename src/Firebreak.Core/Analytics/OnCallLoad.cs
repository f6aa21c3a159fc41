using NodaTime;

namespace Firebreak.Core.Analytics;

/// <summary>One page: a person asked to respond (every channel and retry of one page counts once), in their zone.</summary>
/// <param name="TimeZone">The person's IANA zone; UTC when unset or unknown.</param>
public sealed record PageFacts(string Person, string? TimeZone, DateTimeOffset At);

/// <param name="OutOfHours">Pages outside Monday–Friday 09:00–17:00 in the person's zone.</param>
/// <param name="NightsWoken">Nights (22:00–07:00 in the person's zone) with at least one page.</param>
public sealed record PersonLoad(string Person, int Pages, int OutOfHours, int NightsWoken);

/// <summary>
/// How paging falls on people. Working hours are Monday to Friday, 09:00 to 17:00, and a night runs from 22:00 to
/// 07:00, both in the person's own time zone (UTC when they set none): a page at 03:00 in Lisbon wakes someone even
/// when it is mid-morning where the server runs. A night belongs to the date it began on, so two pages at 23:00 and
/// 02:00 are one night woken.
/// </summary>
public static class OnCallLoad
{
    public static readonly LocalTime WorkStarts = new(9, 0);
    public static readonly LocalTime WorkEnds = new(17, 0);
    public static readonly LocalTime NightStarts = new(22, 0);
    public static readonly LocalTime NightEnds = new(7, 0);

    public static IReadOnlyList<PersonLoad> Of(IEnumerable<PageFacts> pages) =>
        [.. pages.GroupBy(p => p.Person, StringComparer.Ordinal)
            .Select(g =>
            {
                var local = g.Select(p => Instant.FromDateTimeOffset(p.At).InZone(Zone(p.TimeZone)).LocalDateTime).ToList();
                var nights = local.Where(IsNight).Select(t => t.TimeOfDay >= NightStarts ? t.Date : t.Date.PlusDays(-1)).Distinct().Count();
                return new PersonLoad(g.Key, local.Count, local.Count(t => !IsWorkingHours(t)), nights);
            })
            .OrderByDescending(l => l.Pages).ThenBy(l => l.Person, StringComparer.Ordinal)];

    public static bool IsWorkingHours(LocalDateTime t) =>
        t.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && t.TimeOfDay >= WorkStarts && t.TimeOfDay < WorkEnds;

    public static bool IsNight(LocalDateTime t) => t.TimeOfDay >= NightStarts || t.TimeOfDay < NightEnds;

    private static DateTimeZone Zone(string? id) =>
        (string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)) ?? DateTimeZone.Utc;
}
