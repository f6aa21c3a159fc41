using Firebreak.Core.Incidents;

namespace Firebreak.Core.Tests.Incidents;

public sealed class ResponseMetricsTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_ResolvedIncident_GivesFinalDurationsFromDeclaration()
    {
        var stamps = new IncidentTimestamps(s_t0, ImpactStartedAt: s_t0.AddMinutes(-7), AcknowledgedAt: s_t0.AddMinutes(3),
            IdentifiedAt: s_t0.AddMinutes(12), MitigatedAt: s_t0.AddMinutes(27), ResolvedAt: s_t0.AddMinutes(58));

        var m = ResponseMetrics.Compute(stamps, s_t0.AddDays(1));

        Assert.Equal(TimeSpan.FromMinutes(7), m.Ttd!.Duration);
        Assert.Equal(TimeSpan.FromMinutes(3), m.Tta.Duration);
        Assert.Equal(TimeSpan.FromMinutes(27), m.Ttm.Duration);
        Assert.Equal(TimeSpan.FromMinutes(58), m.Ttr.Duration);
        Assert.False(m.Tta.Running || m.Ttm.Running || m.Ttr.Running);
    }

    [Fact]
    public void Compute_OpenIncident_CountsUnreachedMilestonesSoFar()
    {
        var stamps = new IncidentTimestamps(s_t0, AcknowledgedAt: s_t0.AddMinutes(2));

        var m = ResponseMetrics.Compute(stamps, s_t0.AddMinutes(20));

        Assert.Null(m.Ttd);
        Assert.Equal(new MetricValue(TimeSpan.FromMinutes(2), false), m.Tta);
        Assert.Equal(new MetricValue(TimeSpan.FromMinutes(20), Running: true, Reached: false), m.Ttm);
        Assert.Equal("20m so far", m.Ttr.ToString());
    }

    [Theory]
    [InlineData(45, "45s")]
    [InlineData(12 * 60, "12m")]
    [InlineData(65 * 60, "1h 05m")]
    [InlineData(51 * 3600, "2d 3h")]
    public void DurationText_Format_IsCompact(int seconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromSeconds(seconds)));
}
