using Firebreak.Core.OnCall;
using NodaTime;

namespace Firebreak.Core.Tests.OnCall;

/// <summary>Zones, people and short-hands shared by the on-call tests.</summary>
internal static class OnCallFixtures
{
    public static DateTimeZone NewYork { get; } = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static DateTimeZone Berlin { get; } = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    public static IReadOnlyList<IReadOnlyList<string>> Solo(params string[] people) => [.. people.Select(p => (IReadOnlyList<string>)[p])];

    public static Instant Utc(int month, int day, int hour, int minute = 0) => Instant.FromUtc(2026, month, day, hour, minute);

    public static LocalDateTime Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute);

    public static Interval Range(Instant from, Instant to) => new(from, to);

    public static Layer Daily(LocalDateTime start, params string[] people) =>
        new("primary", Solo(people), ShiftLength.Daily, start);

    public static Layer Weekly(LocalDateTime start, params string[] people) =>
        new("primary", Solo(people), ShiftLength.Weekly, start);

    /// <summary>Who the schedule puts on at <paramref name="t"/>, as one comma-separated string.</summary>
    public static string Who(this Schedule schedule, Instant t) => string.Join(",", schedule.OnCallAt(t).People);

    /// <summary>Asserts who is on at each instant, reporting every mismatch at once.</summary>
    public static void AssertWho(this Schedule schedule, params (Instant At, string Who)[] expected) =>
        Assert.Equal(expected, expected.Select(e => (e.At, schedule.Who(e.At))));

    /// <summary>The starts of a layer's segments within the range: for an unrestricted layer, its hand-offs.</summary>
    public static IReadOnlyList<Instant> Handoffs(this Layer layer, DateTimeZone zone, Interval range) =>
        [.. layer.Render(zone, range).Skip(1).Select(s => s.Interval.Start)];
}
