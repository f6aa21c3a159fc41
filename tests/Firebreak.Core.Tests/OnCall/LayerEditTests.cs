using Firebreak.Core.OnCall;
using NodaTime;
using static Firebreak.Core.Tests.OnCall.OnCallFixtures;

namespace Firebreak.Core.Tests.OnCall;

public sealed class LayerEditTests
{
    // Daily at 09:00 UTC from Monday 5 January: ann, bob, cat, ann, …; bob is on from 6 January 09:00.
    private static readonly Layer s_layer = Daily(Local(1, 5, 9), "ann", "bob", "cat");
    private static readonly Instant s_edit = Utc(1, 6, 12);

    private static IEnumerable<string> Sequence(Layer layer, int days) =>
        Enumerable.Range(0, days).Select(d => new Schedule(DateTimeZone.Utc, [layer]).Who(Utc(1, 6, 10).Plus(Duration.FromDays(d))));

    [Fact]
    public void ReplaceParticipants_KeepsTheCurrentPersonUntilTheirShiftEnds_ThenFollowsTheNewOrder()
    {
        var edited = LayerEdit.ReplaceParticipants(s_layer, DateTimeZone.Utc, Solo("dan", "cat", "bob", "ann"), s_edit);

        Assert.Equal(["bob", "ann", "dan", "cat", "bob"], Sequence(edited, 5));
    }

    [Fact]
    public void ReplaceParticipants_CurrentPersonRemoved_TheirSuccessorTakesOverAtTheEdit()
    {
        var edited = LayerEdit.ReplaceParticipants(s_layer, DateTimeZone.Utc, Solo("ann", "cat", "dan"), s_edit);

        Assert.Equal("cat", new Schedule(DateTimeZone.Utc, [edited]).Who(s_edit));
        Assert.Equal(["cat", "dan", "ann", "cat"], Sequence(edited, 4));
    }

    [Fact]
    public void ReplaceParticipants_EveryoneReplaced_TheNewFirstTakesOver()
    {
        var edited = LayerEdit.ReplaceParticipants(s_layer, DateTimeZone.Utc, Solo("xia", "yan"), s_edit);

        Assert.Equal(["xia", "yan", "xia"], Sequence(edited, 3));
    }

    [Fact]
    public void ReplaceParticipants_Reshuffle_AppliesTheNewOrderAsIfItHadAlwaysBeen()
    {
        var edited = LayerEdit.ReplaceParticipants(s_layer, DateTimeZone.Utc, Solo("bob", "cat", "ann"), s_edit, EditMode.Reshuffle);

        // The second shift since the start goes to the second slot, now cat.
        Assert.Equal(["cat", "ann", "bob"], Sequence(edited, 3));
    }

    [Fact]
    public void ReplaceParticipants_BeforeTheLayerStarts_StartsWithTheNewFirst()
    {
        var edited = LayerEdit.ReplaceParticipants(s_layer, DateTimeZone.Utc, Solo("cat", "ann"), Utc(1, 1, 0));

        Assert.Equal("cat", new Schedule(DateTimeZone.Utc, [edited]).Who(Utc(1, 5, 10)));
    }

    [Fact]
    public void ReplaceParticipants_SlotListedTwice_KeepsThePositionThatIsOn()
    {
        var layer = Daily(Local(1, 4, 9), "ann", "bob", "ann", "cat");   // the second ann is on from 6 January 09:00

        var edited = LayerEdit.ReplaceParticipants(layer, DateTimeZone.Utc, Solo("ann", "bob", "ann", "dan", "cat"), s_edit);

        Assert.Equal(["ann", "dan", "cat", "ann"], Sequence(edited, 4));
    }

    [Fact]
    public void ReplaceParticipants_MultiPersonSlotEdited_TheEditedSlotTakesOver()
    {
        var layer = new Layer("pairs", [["ann", "bob"], ["cat"]], ShiftLength.Daily, Local(1, 6, 9));

        var edited = LayerEdit.ReplaceParticipants(layer, DateTimeZone.Utc, [["cat"], ["ann", "dan"]], s_edit);

        Assert.Equal(["ann,dan", "cat"], Sequence(edited, 2));
    }

    [Fact]
    public void ReplaceParticipants_InTheRestrictedHours_KeepsTheRotationSlotNotTheLayerBelow()
    {
        var layer = s_layer with { Restrictions = [Restriction.TimeOfDay(new LocalTime(9, 0), new LocalTime(11, 0))] };

        var edited = LayerEdit.ReplaceParticipants(layer, DateTimeZone.Utc, Solo("cat", "bob"), s_edit);

        Assert.Equal(["bob", "cat", "bob"], Sequence(edited, 3));
    }
}
