using Firebreak.Core.Comms;

namespace Firebreak.Core.Tests.Comms;

public sealed class UpdateCadenceTests
{
    private static readonly DateTimeOffset s_declared = new(2026, 1, 15, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_CountsFromTheLastUpdate_OrTheDeclaration()
    {
        var every = TimeSpan.FromMinutes(30);
        Assert.Equal(s_declared + every, UpdateCadence.From(s_declared, [], every).Due);
        var cadence = UpdateCadence.From(s_declared, [s_declared.AddMinutes(5), s_declared.AddMinutes(20)], every);
        Assert.Equal(s_declared.AddMinutes(50), cadence.Due);
        Assert.Equal(s_declared.AddMinutes(65), cadence.Overdue);
    }

    [Theory]
    [InlineData(18, "next update in 12 min")]
    [InlineData(29.5, "next update in under 1 min")]
    [InlineData(30, "update due now")]
    [InlineData(33, "overdue 3 min")]
    public void Text_SaysMinutesLeftOrOverdue(double minutesAfterDeclaration, string expected) =>
        Assert.Equal(expected, UpdateCadence.From(s_declared, [], TimeSpan.FromMinutes(30)).Text(s_declared.AddMinutes(minutesAfterDeclaration)));
}
