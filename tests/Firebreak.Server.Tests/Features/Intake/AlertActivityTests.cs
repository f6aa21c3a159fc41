using Firebreak.Server.Features.Intake;
using Microsoft.Extensions.Time.Testing;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>The throttle that keeps open alert pages live during a storm without reloading them per batch.</summary>
public sealed class AlertActivityTests
{
    [Fact]
    public void Burst_IsAnnouncedAtOnce_ThenOnceMoreAfterTheInterval_WithTheLastChange()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 2, 12, 0, TimeSpan.Zero));
        using var activity = new AlertActivity(clock);
        var announced = 0;
        activity.Changed += () => announced++;

        activity.Note();
        Assert.Equal(1, announced);

        activity.Note();
        activity.Note();
        clock.Advance(AlertActivity.Interval / 2);
        activity.Note();
        Assert.Equal(1, announced);

        clock.Advance(AlertActivity.Interval / 2);
        Assert.Equal(2, announced);

        clock.Advance(AlertActivity.Interval * 5);
        Assert.Equal(2, announced);
        activity.Note();
        Assert.Equal(3, announced);
    }
}
