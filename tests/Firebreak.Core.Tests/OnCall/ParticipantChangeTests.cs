using Firebreak.Core.OnCall;
using NodaTime;
using static Firebreak.Core.Tests.OnCall.OnCallFixtures;

namespace Firebreak.Core.Tests.OnCall;

public sealed class ParticipantChangeTests
{
    // Daily at 09:00 UTC from Monday 5 January: ann, bob, cat; bob is on from 6 January 09:00.
    private static readonly Layer s_layer = Daily(Local(1, 5, 9), "ann", "bob", "cat");

    [Fact]
    public void Summary_PersonOnStays_SaysTheyAreKept()
    {
        var change = ParticipantChange.Of(s_layer, DateTimeZone.Utc, Solo("dan", "bob", "ann"), Utc(1, 6, 12), EditMode.KeepCurrent);

        Assert.Equal("keeps bob on call", change.Summary);
        Assert.Equal("bob", new Schedule(DateTimeZone.Utc, [change.Layer]).Who(Utc(1, 6, 12)));
    }

    [Fact]
    public void Summary_PersonOnRemoved_NamesWhoTakesOver()
    {
        var change = ParticipantChange.Of(s_layer, DateTimeZone.Utc, [["cat", "dan"], ["ann"]], Utc(1, 6, 12), EditMode.KeepCurrent);

        Assert.Equal("puts cat and dan on call instead of bob", change.Summary);
    }

    [Fact]
    public void Summary_BeforeTheLayerStarts_IsNull()
    {
        var change = ParticipantChange.Of(s_layer, DateTimeZone.Utc, Solo("dan"), Utc(1, 1, 12), EditMode.KeepCurrent);

        Assert.Null(change.Summary);
    }
}
