using CsCheck;
using Firebreak.Core.Escalation;
using NodaTime;

namespace Firebreak.Core.Tests.Escalation;

public sealed class EscalationPlanTests
{
    private static readonly Instant s_opened = Instant.FromUtc(2026, 1, 15, 2, 12);

    // Primary on call, then the secondary schedule after 5 minutes, then the lead and the commander after 10 more.
    private static readonly EscalationPolicy s_policy = new(
    [
        new EscalationStep([EscalationTarget.Schedule("primary")], Duration.FromMinutes(5)),
        new EscalationStep([EscalationTarget.Schedule("secondary")], Duration.FromMinutes(10)),
        new EscalationStep([EscalationTarget.User("lead"), EscalationTarget.IncidentCommander], Duration.FromMinutes(15)),
    ]);

    private static Instant Minute(int m) => s_opened + Duration.FromMinutes(m);

    private static IEnumerable<(int Step, int Round, Instant Due)> Plan(EscalationPolicy policy, IncidentFacts facts) =>
        EscalationPlan.Firings(policy, facts).Select(f => (f.Step, f.Round, f.Due));

    [Fact]
    public void Firings_UnacknowledgedNoRepeat_EachStepAfterThePreviousDelay() =>
        Assert.Equal([(0, 0, Minute(0)), (1, 0, Minute(5)), (2, 0, Minute(15))], Plan(s_policy, new IncidentFacts(s_opened)));

    [Fact]
    public void Firings_Repeats_StartOverAfterTheLastStepsDelay() =>
        Assert.Equal(
            [(0, 0, Minute(0)), (1, 0, Minute(5)), (2, 0, Minute(15)), (0, 1, Minute(30)), (1, 1, Minute(35)), (2, 1, Minute(45))],
            Plan(s_policy with { Repeats = 1 }, new IncidentFacts(s_opened)));

    [Theory]
    [InlineData(4, 1)]
    [InlineData(5, 1)]    // acknowledged the instant step 2 was due: it does not fire
    [InlineData(6, 2)]
    public void Firings_Acknowledgement_StopsEverythingFromThenOn(int ackMinute, int expectedFirings) =>
        Assert.Equal(expectedFirings, EscalationPlan.Firings(s_policy, new IncidentFacts(s_opened) { Acknowledged = Minute(ackMinute) }).Count);

    [Fact]
    public void Firings_ResolvedWithoutAcknowledgement_StopsToo() =>
        Assert.Single(EscalationPlan.Firings(s_policy, new IncidentFacts(s_opened) { Resolved = Minute(3) }));

    [Fact]
    public void EscalateNow_FiresTheNextStepAtOnce_AndTheRestFollowFromThere()
    {
        var facts = new IncidentFacts(s_opened).EscalateNow(Minute(2));

        var firings = EscalationPlan.Firings(s_policy, facts);

        Assert.Equal([(0, 0, Minute(0)), (1, 0, Minute(2)), (2, 0, Minute(12))], firings.Select(f => (f.Step, f.Round, f.Due)));
        Assert.Equal([false, true, false], firings.Select(f => f.Manual));
    }

    [Fact]
    public void EscalateNow_FromTheLastStep_StartsTheNextRound_OrDoesNothingWhenNoneIsLeft()
    {
        var facts = new IncidentFacts(s_opened).EscalateNow(Minute(20));

        Assert.Equal((0, 1, Minute(20)), Plan(s_policy with { Repeats = 1 }, facts).ElementAt(3));
        Assert.Equal(3, EscalationPlan.Firings(s_policy, facts).Count);
    }

    [Fact]
    public void EscalateNow_PressedTwiceAtOnceOrExactlyWhenAStepIsDue_FiresOnce()
    {
        var facts = new IncidentFacts(s_opened).EscalateNow(Minute(5)).EscalateNow(Minute(7)).EscalateNow(Minute(7));

        Assert.Equal([(0, 0, Minute(0)), (1, 0, Minute(5)), (2, 0, Minute(7))], Plan(s_policy, facts));
    }

    [Fact]
    public void EscalateNow_AfterAcknowledgement_DoesNothing() =>
        Assert.Single(EscalationPlan.Firings(s_policy, new IncidentFacts(s_opened) { Acknowledged = Minute(1) }.EscalateNow(Minute(2))));

    [Fact]
    public void NextDue_WalksThePlanOneFiringAtATime()
    {
        var facts = new IncidentFacts(s_opened);

        Assert.Equal(Minute(0), EscalationPlan.NextDue(s_policy, facts, null)!.Due);
        Assert.Equal(1, EscalationPlan.NextDue(s_policy, facts, Minute(0))!.Step);
        Assert.Equal(Minute(15), EscalationPlan.NextDue(s_policy, facts, Minute(5))!.Due);
        Assert.Null(EscalationPlan.NextDue(s_policy, facts, Minute(15)));
        Assert.Null(EscalationPlan.NextDue(s_policy, facts with { Acknowledged = Minute(6) }, Minute(5)));
        Assert.Equal(Minute(8), EscalationPlan.NextDue(s_policy, facts.EscalateNow(Minute(8)), Minute(5))!.Due);
    }

    [Fact]
    public void Firings_Property_OrderedBoundedAndStoppedByAcknowledgement() =>
        Gen.Select(Gen.Int[1, 5].Array[1, 4], Gen.Int[0, 3], Gen.Int[0, 120].Nullable(0.3), Gen.Int[1, 120].Array[0, 4])
            .Sample((delays, repeats, ack, presses) =>
            {
                var policy = new EscalationPolicy(
                    [.. delays.Select(d => new EscalationStep([EscalationTarget.User("u")], Duration.FromMinutes(d)))], repeats);
                var facts = new IncidentFacts(s_opened) { Acknowledged = ack is { } minute ? Minute(minute) : null };
                facts = presses.Aggregate(facts, (f, p) => f.EscalateNow(Minute(p)));

                var firings = EscalationPlan.Firings(policy, facts);

                Assert.True(firings.Count <= delays.Length * (repeats + 1));
                Assert.All(firings, f => Assert.True(f.Due < (facts.Acknowledged ?? Instant.MaxValue)));
                Assert.All(firings.Select((f, i) => (f, i)), x => Assert.Equal((x.i % delays.Length, x.i / delays.Length), (x.f.Step, x.f.Round)));
                foreach (var (a, b) in firings.Zip(firings.Skip(1)))
                {
                    Assert.True(b.Due > a.Due);
                    Assert.True(b.Due <= a.Due + policy.Steps[a.Step].Delay);
                    Assert.Equal(b, EscalationPlan.NextDue(policy, facts, a.Due));
                }
            }, iter: 300);

    [Fact]
    public void Validate_SaysWhatIsWrong()
    {
        var policy = new EscalationPolicy(
        [
            new EscalationStep([], Duration.FromMinutes(5)),
            new EscalationStep([EscalationTarget.User(" ")], Duration.FromSeconds(30)),
        ], Repeats: 10);

        Assert.Equal(
        [
            "step 1 notifies nobody; add a user, a schedule or the incident commander",
            "step 2: a user target names no user",
            "step 2: the delay before the next step (0.5 min) must be at least 1 minute",
            "the repeat count (10) must be between 0 and 9",
        ], policy.Validate());
        Assert.Equal(["an escalation policy needs at least one step"], new EscalationPolicy([]).Validate());
        Assert.Empty(s_policy.Validate());
    }
}
