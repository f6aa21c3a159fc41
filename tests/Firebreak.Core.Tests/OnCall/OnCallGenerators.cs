using CsCheck;
using Firebreak.Core.OnCall;
using NodaTime;

namespace Firebreak.Core.Tests.OnCall;

/// <summary>Random schedules for the property tests: small enough to stay fast, varied enough to meet DST changes.</summary>
internal static class OnCallGenerators
{
    // Lord Howe moves its clocks by 30 minutes; Kolkata never does.
    public static readonly DateTimeZone[] Zones =
    [
        OnCallFixtures.NewYork, OnCallFixtures.Berlin, DateTimeZone.Utc,
        DateTimeZoneProviders.Tzdb["Australia/Lord_Howe"], DateTimeZoneProviders.Tzdb["Asia/Kolkata"],
    ];

    public static readonly ShiftLength[] Lengths =
    [
        ShiftLength.Hourly, ShiftLength.Daily, ShiftLength.Weekly, ShiftLength.WallClock(Period.FromHours(12)),
        ShiftLength.Elapsed(Duration.FromHours(8)), ShiftLength.WallClock(Period.FromDays(2)), ShiftLength.WallClock(Period.FromMonths(1)),
    ];

    private static readonly LocalDateTime s_yearStart = new(2026, 1, 1, 0, 0);

    public static Gen<LocalTime> QuarterHour { get; } = Gen.Int[0, 95].Select(q => LocalTime.FromMinutesSinceMidnight(q * 15));

    public static Gen<IsoDayOfWeek> Day { get; } = Gen.Int[1, 7].Select(d => (IsoDayOfWeek)d);

    private static Gen<IsoDayOfWeek[]> Days { get; } = Gen.Int[1, 127].Select(mask =>
        Enumerable.Range(1, 7).Where(d => (mask & (1 << (d - 1))) != 0).Select(d => (IsoDayOfWeek)d).ToArray());

    public static Gen<Restriction> AnyRestriction { get; } = Gen.OneOf(
        Gen.Select(QuarterHour, Gen.Int[1, 95], Days, Gen.Bool, (from, minutes, days, everyDay) =>
            Firebreak.Core.OnCall.Restriction.TimeOfDay(from, from.PlusMinutes(minutes * 15), everyDay ? [] : days)),
        Days.Select(Firebreak.Core.OnCall.Restriction.Weekdays),
        Gen.Select(Day, QuarterHour, Day, QuarterHour, (fromDay, from, toDay, to) =>
            Firebreak.Core.OnCall.Restriction.Weekly(fromDay, from, toDay, fromDay == toDay && from == to ? to.PlusHours(1) : to)));

    /// <summary>Slots of one or two people from a small pool, so people recur across slots and layers.</summary>
    public static Gen<IReadOnlyList<IReadOnlyList<string>>> Slots { get; } =
        Gen.Int[0, 5].Array[1, 2].Array[1, 4].Select(slots =>
            (IReadOnlyList<IReadOnlyList<string>>)[.. slots.Select(s => (IReadOnlyList<string>)[.. s.Select(p => $"p{p}").Distinct()])]);

    /// <summary>One person a slot, everyone different: a plain rotation.</summary>
    public static Gen<IReadOnlyList<IReadOnlyList<string>>> Rotation { get; } =
        Gen.Int[1, 5].Select(n => OnCallFixtures.Solo([.. Enumerable.Range(0, n).Select(i => $"r{i}")]));

    public static Gen<Layer> AnyLayer(Gen<IReadOnlyList<IReadOnlyList<string>>> slots, bool restricted, bool ends) =>
        Gen.Select(
            slots,
            Gen.Int[0, Lengths.Length - 1],
            Gen.Int[0, 330 * 96].Select(q => s_yearStart.PlusMinutes(q * 15)),
            QuarterHour.Nullable(0.5),
            Gen.Int[1, 60].Nullable(ends ? 0.5 : 1.0),
            restricted ? AnyRestriction.Array[0, 2] : Gen.Const(Array.Empty<Restriction>()),
            Gen.Int[0, 9],
            (people, length, start, handoff, days, restrictions, offset) => new Layer(
                "layer", people, Lengths[length], start, handoff, days is { } d ? start.PlusDays(d) : null, restrictions, offset));

    public static Gen<Schedule> AnySchedule { get; } = Gen.Select(
        Gen.Int[0, Zones.Length - 1],
        AnyLayer(Slots, restricted: true, ends: true).Array[1, 3],
        (zone, layers) => new Schedule(Zones[zone], layers));

    /// <summary>A schedule, a range of up to three weeks near its first layer's start, and overrides in that range.</summary>
    public static Gen<(Schedule Schedule, Interval Range)> ScheduleInRange { get; } =
        from schedule in AnySchedule
        from offsetHours in Gen.Int[-72, 24 * 60]
        from lengthHours in Gen.Int[1, 24 * 21]
        from overrides in Gen.Select(Gen.Int[0, 2], Gen.Int[-24, 24 * 21], Gen.Int[1, 72], Gen.Bool,
            (person, fromHour, hours, add) => (Person: person, From: fromHour, Hours: hours, Add: add)).Array[0, 3]
        let start = schedule.Zone.AtLeniently(schedule.Layers[0].Start).ToInstant() + Duration.FromHours(offsetHours)
        select (
            schedule with
            {
                Overrides =
                [
                    .. overrides.Select(o => new ScheduleOverride(
                        $"o{o.Person}", start + Duration.FromHours(o.From), start + Duration.FromHours(o.From + o.Hours),
                        o.Add ? OverrideMode.Add : OverrideMode.Replace)),
                ],
            },
            new Interval(start, start + Duration.FromHours(lengthHours)));

    /// <summary>An instant within the range, at a fraction of it.</summary>
    public static Instant Within(this Interval range, double fraction) =>
        range.Start + Duration.FromNanoseconds(Math.Floor(range.Duration.TotalNanoseconds * fraction));
}
