using System.Globalization;
using Firebreak.Core.Analytics;
using Firebreak.Server.Http;
using NodaTime;

namespace Firebreak.Server.Features.Analytics;

/// <summary>The analytics filters as they arrive in a query string or from the page, unchecked.</summary>
/// <param name="From">A date (<c>2026-11-01</c>, midnight in <paramref name="Tz"/>) or an instant with its offset; default 90 days before <paramref name="To"/>.</param>
/// <param name="To">Exclusive, same forms; default now. A date means the end of that day.</param>
/// <param name="Include">Comma-separated: <c>drills</c>, <c>tests</c>.</param>
/// <param name="Tz">IANA zone for dates, weeks and months; default UTC.</param>
public sealed record AnalyticsQuery(
    string? From = null, string? To = null, string? Severity = null, string? Service = null, string? Team = null, string? Include = null, string? Tz = null);

/// <summary>A checked query: the period and what to count.</summary>
public sealed record AnalyticsFilter(AnalyticsPeriod Period, string? Severity, string? Service, string? Team, bool Drills, bool Tests);

public static class AnalyticsQueryRules
{
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(90);

    /// <summary>Bounds the rows one request reads and groups in memory.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(366);

    public static readonly IReadOnlyList<string> Includes = ["drills", "tests"];

    /// <summary>The filter, or a 400 naming each bad parameter; severity, service and team are checked against the database by the caller.</summary>
    public static Outcome<AnalyticsFilter> Parse(AnalyticsQuery query, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var zone = DateTimeZone.Utc;
        if (!string.IsNullOrWhiteSpace(query.Tz))
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(query.Tz.Trim())!;
            if (zone is null)
            {
                errors["tz"] = [$"Unknown time zone '{query.Tz}'. Use an IANA zone such as Europe/Berlin."];
                zone = DateTimeZone.Utc;
            }
        }

        var to = Instant(query.To, zone, endOfDay: true, "to", errors) ?? now;
        var from = Instant(query.From, zone, endOfDay: false, "from", errors) ?? to - DefaultSpan;
        if (errors.Count == 0 && from >= to)
        {
            errors["from"] = ["'from' must be before 'to'."];
        }
        else if (errors.Count == 0 && to - from > MaxSpan)
        {
            errors["from"] = [$"At most {MaxSpan.TotalDays:0} days at once; narrow 'from' and 'to'."];
        }

        var include = (query.Include ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).ToList();
        if (include.FirstOrDefault(i => !Includes.Contains(i)) is { } unknown)
        {
            errors["include"] = [$"Unknown include '{unknown}'. Use a comma-separated list of: {string.Join(", ", Includes)}."];
        }

        return errors.Count > 0
            ? Failure.Invalid(errors)
            : new AnalyticsFilter(new AnalyticsPeriod(from, to, zone), Blank(query.Severity), Blank(query.Service), Blank(query.Team),
                include.Contains("drills"), include.Contains("tests"));
    }

    private static DateTimeOffset? Instant(string? text, DateTimeZone zone, bool endOfDay, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var local = LocalDate.FromDateOnly(endOfDay ? date.AddDays(1) : date);
            return zone.AtStartOfDay(local).ToDateTimeOffset().ToUniversalTime();
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) && HasOffset(text))
        {
            return at.ToUniversalTime();
        }

        errors[field] = [$"'{text}' is neither a date (2026-11-01) nor an instant with its offset (2026-11-01T09:00:00Z)."];
        return null;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
