using NodaTime;

namespace Firebreak.Core.Analytics;

/// <summary>
/// Incidents declared from <paramref name="From"/> (inclusive) to <paramref name="To"/> (exclusive); weeks and months
/// are those of <paramref name="Zone"/>, the reader's, so a Monday-morning incident falls in the reader's Monday.
/// </summary>
public sealed record AnalyticsPeriod(DateTimeOffset From, DateTimeOffset To, DateTimeZone Zone)
{
    public bool Contains(DateTimeOffset at) => at >= From && at < To;

    public LocalDate Date(DateTimeOffset at) => Instant.FromDateTimeOffset(at).InZone(Zone).Date;
}
