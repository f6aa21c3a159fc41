using Firebreak.Core.Config;

namespace Firebreak.Core.Tests.Config;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("1h 30m", 5400)]
    [InlineData("3d", 259200)]
    [InlineData("2w", 1209600)]
    [InlineData("1.5h", 5400)]
    public void TryParse_Valid(string text, int seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 minutes")]
    [InlineData("m5")]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("99999999d")]
    [InlineData("99999999999999999999999s")]
    [InlineData("367d")]
    public void TryParse_Invalid(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Fact]
    public void TryParse_UpToTheLongestDurationAnyPlaybookNeeds()
    {
        Assert.True(DurationParser.TryParse("366d", out var value));
        Assert.Equal(DurationParser.Longest, value);
    }
}
