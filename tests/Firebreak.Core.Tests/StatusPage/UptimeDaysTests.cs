using Firebreak.Core.StatusPage;

namespace Firebreak.Core.Tests.StatusPage;

public sealed class UptimeDaysTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NoHistory_EveryDayIsFullyUp_TodayLast()
    {
        var days = UptimeDays.Of([], s_now, 3);

        Assert.Equal([new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 10)], days.Select(d => d.Day));
        Assert.All(days, d => Assert.Equal(1, d.Uptime));
        Assert.All(days, d => Assert.Equal(ComponentStatus.Operational, d.Worst));
    }

    [Fact]
    public void SixHoursOfPartialOutage_IsAQuarterOfThatDayDown_AndDegradedCountsAsUp()
    {
        var changes = new List<(DateTimeOffset, string)>
        {
            (new DateTimeOffset(2026, 3, 8, 18, 0, 0, TimeSpan.Zero), ComponentStatus.PartialOutage),
            (new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero), ComponentStatus.DegradedPerformance),
            (new DateTimeOffset(2026, 3, 9, 6, 0, 0, TimeSpan.Zero), ComponentStatus.Operational),
        };

        var days = UptimeDays.Of(changes, s_now, 3);

        Assert.Equal(0.75, days[0].Uptime, 6);
        Assert.Equal(ComponentStatus.PartialOutage, days[0].Worst);
        Assert.Equal(1, days[1].Uptime, 6);
        Assert.Equal(ComponentStatus.DegradedPerformance, days[1].Worst);
        Assert.Equal(1, days[2].Uptime, 6);
    }

    [Fact]
    public void OutageStillOpen_CountsTodayOnlyUpToNow()
    {
        var changes = new List<(DateTimeOffset, string)> { (new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero), ComponentStatus.MajorOutage) };

        var today = UptimeDays.Of(changes, s_now, 1).Single();

        Assert.Equal(0.5, today.Uptime, 6);
        Assert.Equal(ComponentStatus.MajorOutage, today.Worst);
    }

    [Theory]
    [InlineData(new[] { "operational", "operational" }, "none", "All Systems Operational")]
    [InlineData(new[] { "operational", "degraded_performance" }, "minor", "Minor Service Outage")]
    [InlineData(new[] { "degraded_performance", "partial_outage" }, "major", "Partial System Outage")]
    [InlineData(new[] { "partial_outage", "major_outage", "under_maintenance" }, "critical", "Major System Outage")]
    [InlineData(new[] { "operational", "under_maintenance" }, "maintenance", "Service Under Maintenance")]
    [InlineData(new string[0], "none", "All Systems Operational")]
    public void PageIndicator_TheWorstComponentDecides(string[] statuses, string indicator, string description) =>
        Assert.Equal(new PageIndicator(indicator, description), PageIndicator.Of(statuses));
}
