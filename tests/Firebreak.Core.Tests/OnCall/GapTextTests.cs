using Firebreak.Core.OnCall;
using NodaTime;
using static Firebreak.Core.Tests.OnCall.OnCallFixtures;

namespace Firebreak.Core.Tests.OnCall;

public sealed class GapTextTests
{
    private static readonly DateTimeZone s_berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Theory]
    [InlineData(11, 28, 0, 11, 28, 9, "nobody on call Sat 2026-11-28 00:00 – 09:00 (Europe/Berlin)")]
    [InlineData(11, 28, 0, 11, 30, 9, "nobody on call Sat 2026-11-28 00:00 – Mon 09:00 (Europe/Berlin)")]
    [InlineData(11, 28, 0, 12, 7, 9, "nobody on call Sat 2026-11-28 00:00 – Mon 2026-12-07 09:00 (Europe/Berlin)")]
    public void Describe_SaysTheEndWithOnlyAsMuchDateAsNeeded(int m1, int d1, int h1, int m2, int d2, int h2, string expected)
    {
        var gap = new Interval(s_berlin.AtStrictly(Local(m1, d1, h1)).ToInstant(), s_berlin.AtStrictly(Local(m2, d2, h2)).ToInstant());

        Assert.Equal(expected, GapText.Describe(gap, s_berlin, Utc(12, 31, 0)));
    }

    [Fact]
    public void Describe_GapRunningToTheEndOfTheCheck_SaysItMayGoOn()
    {
        var gap = new Interval(Utc(11, 27, 23), Utc(12, 24, 0));

        Assert.Equal("nobody on call from Sat 2026-11-28 00:00 (Europe/Berlin) to the end of the period checked", GapText.Describe(gap, s_berlin, Utc(12, 24, 0)));
    }

    [Fact]
    public void Lines_ManyGaps_ListsTheFirstFewAndCountsTheRest()
    {
        var office = Daily(Local(1, 5, 0), "ann") with { Restrictions = [RestrictionText.Parse("09:00-17:00", [])!] };

        var lines = GapText.Lines(new Schedule(DateTimeZone.Utc, [office]), new Interval(Utc(1, 5, 0), Utc(1, 15, 0)), limit: 3);

        Assert.Equal(4, lines.Count);
        Assert.Equal("nobody on call Mon 2026-01-05 00:00 – 09:00 (UTC)", lines[0]);
        Assert.Equal("8 more gap(s) in the 10 days checked", lines[3]);
    }
}
