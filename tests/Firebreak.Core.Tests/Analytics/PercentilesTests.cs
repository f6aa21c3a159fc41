using Firebreak.Core.Analytics;

namespace Firebreak.Core.Tests.Analytics;

/// <summary>Expected values are numpy.percentile's (linear interpolation, its default).</summary>
public sealed class PercentilesTests
{
    [Theory]
    [InlineData(new double[] { 4, 1, 3, 2 }, 0.5, 2.5)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 0.9, 3.7)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.9, 9.1)]
    [InlineData(new double[] { 60, 120, 600 }, 0.5, 120)]
    [InlineData(new double[] { 60, 120, 600 }, 0.9, 504)]
    [InlineData(new double[] { 42 }, 0.9, 42)]
    [InlineData(new double[] { 5, 9 }, 0, 5)]
    [InlineData(new double[] { 5, 9 }, 1, 9)]
    public void Of_Values_InterpolatesBetweenClosestRanks(double[] values, double p, double expected) =>
        Assert.Equal(expected, Percentiles.Of(values, p)!.Value, precision: 9);

    [Fact]
    public void Of_NoValues_IsNull() => Assert.Null(Percentiles.Of([], 0.5));

    [Fact]
    public void Of_POutsideZeroToOne_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1], 1.5));

    [Fact]
    public void Summary_CountsAndGivesMedianAndP90InSeconds()
    {
        var summary = DurationSummary.Of([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)]);

        Assert.Equal(new DurationSummary(3, 120, 504), summary);
    }
}
