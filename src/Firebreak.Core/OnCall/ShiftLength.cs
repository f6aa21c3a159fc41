using NodaTime;

namespace Firebreak.Core.OnCall;

/// <summary>
/// How long one shift lasts. A wall-clock <see cref="NodaTime.Period"/> is added in the schedule's local time, so
/// "daily at 09:00" stays 09:00 and a shift spanning a DST change lasts 23 or 25 hours. An elapsed
/// <see cref="NodaTime.Duration"/> is real time, so every shift is equally long and the local hand-off drifts by the
/// DST offset.
/// </summary>
public sealed record ShiftLength
{
    private ShiftLength(Period? period, Duration? duration)
    {
        Period = period;
        Duration = duration;
    }

    /// <summary>Set for wall-clock lengths.</summary>
    public Period? Period { get; }

    /// <summary>Set for elapsed lengths.</summary>
    public Duration? Duration { get; }

    /// <summary>
    /// Elapsed, not wall-clock: an hourly wall-clock shift starting inside the skipped hour of a spring-forward night
    /// would last no time at all and its participant would silently lose a turn.
    /// </summary>
    public static ShiftLength Hourly { get; } = Elapsed(NodaTime.Duration.FromHours(1));

    public static ShiftLength Daily { get; } = WallClock(NodaTime.Period.FromDays(1));

    public static ShiftLength Weekly { get; } = WallClock(NodaTime.Period.FromWeeks(1));

    public static ShiftLength WallClock(Period period) => new(period, null);

    public static ShiftLength Elapsed(Duration duration) => new(null, duration);

    internal bool IsValid => Duration is { } d
        ? d >= NodaTime.Duration.FromMinutes(1)
        : Period is { } p && Parts(p).All(v => v >= 0) && ApproximateDuration >= NodaTime.Duration.FromMinutes(1);

    /// <summary>An average length, only good for estimating how many shifts fit between two instants.</summary>
    internal Duration ApproximateDuration => Duration ?? Approximate(Period!);

    /// <summary>The local date-time of the <paramref name="shifts"/>-th hand-off after <paramref name="anchor"/>.</summary>
    internal LocalDateTime WallClockAfter(LocalDateTime anchor, long shifts)
    {
        var p = Period!;
        // Scaling the period (rather than adding it repeatedly) keeps month ends stable: 31 Jan + 2 months is 31 March,
        // not 28 March.
        var scaled = new PeriodBuilder
        {
            Years = checked((int)(p.Years * shifts)),
            Months = checked((int)(p.Months * shifts)),
            Weeks = checked((int)(p.Weeks * shifts)),
            Days = checked((int)(p.Days * shifts)),
            Hours = p.Hours * shifts,
            Minutes = p.Minutes * shifts,
            Seconds = p.Seconds * shifts,
            Milliseconds = p.Milliseconds * shifts,
            Ticks = p.Ticks * shifts,
            Nanoseconds = p.Nanoseconds * shifts,
        }.Build();
        return anchor.Plus(scaled);
    }

    private static Duration Approximate(Period p)
    {
        var fixedPart = new PeriodBuilder(p) { Years = 0, Months = 0 }.Build().ToDuration();
        return fixedPart + NodaTime.Duration.FromDays((p.Years * 365.2425) + (p.Months * 30.436875));
    }

    private static IEnumerable<long> Parts(Period p) =>
        [p.Years, p.Months, p.Weeks, p.Days, p.Hours, p.Minutes, p.Seconds, p.Milliseconds, p.Ticks, p.Nanoseconds];

    public override string ToString() => Duration is { } d ? $"every {d} (elapsed)" : $"every {Period} (wall clock)";
}
