using Firebreak.Core.Analytics;

namespace Firebreak.Core.Tests.Analytics;

public sealed class OnCallLoadTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Of_PagesAtNightInThePersonsZone_CountOutOfHoursAndOneNightPerEvening()
    {
        // 2026-12-07 is a Monday; Lisbon is UTC+0 in December, New York UTC-5.
        var load = OnCallLoad.Of(
        [
            new PageFacts("ana", "Europe/Lisbon", At("2026-12-07T10:00:00Z")),
            new PageFacts("ana", "Europe/Lisbon", At("2026-12-07T23:00:00Z")),
            new PageFacts("ana", "Europe/Lisbon", At("2026-12-08T02:00:00Z")),
            new PageFacts("bo", "America/New_York", At("2026-12-07T14:00:00Z")),
            new PageFacts("bo", "America/New_York", At("2026-12-08T04:00:00Z")),
            new PageFacts("cy", null, At("2026-12-12T12:00:00Z")),
        ]);

        Assert.Equal(
        [
            new PersonLoad("ana", 3, 2, 1),
            new PersonLoad("bo", 2, 1, 1),
            new PersonLoad("cy", 1, 1, 0),
        ], load);
    }
}
