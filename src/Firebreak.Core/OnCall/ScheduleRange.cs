using NodaTime;

namespace Firebreak.Core.OnCall;

/// <summary>
/// The instants schedules are asked about. Rotation maths walks shifts from a layer's start and a timeline adds days
/// past its end, so instants near the ends of the calendar (year 9999, year 1) overflow; nobody plans rotas outside
/// this range, so questions about it are refused up front with the range in words.
/// </summary>
public static class ScheduleRange
{
    public const string Text = "between 1970 and 2200 (UTC)";

    public static readonly Instant Earliest = Instant.FromUtc(1970, 1, 1, 0, 0);

    public static readonly Instant Latest = Instant.FromUtc(2200, 1, 1, 0, 0);

    public static bool Covers(Instant t) => t >= Earliest && t <= Latest;

    public static bool Covers(DateTimeOffset t) => Covers(Instant.FromDateTimeOffset(t));
}
