using CsCheck;
using Firebreak.Core.Escalation;
using Firebreak.Core.Severity;
using NodaTime;

namespace Firebreak.Core.Tests.Escalation;

public sealed class ConditionRuleTests
{
    private static readonly Instant s_opened = Instant.FromUtc(2026, 1, 15, 2, 12);
    private static readonly EscalationTarget[] s_manager = [EscalationTarget.User("manager")];

    // SEV-1 (rank 0) or worse and not mitigated within 15 minutes.
    private static readonly ConditionRule s_sev1NotMitigated = new("sev1-not-mitigated",
        [Condition.SeverityAtOrWorse(0), Condition.NotMitigatedWithin(Duration.FromMinutes(15))], s_manager);

    private static readonly ConditionRule s_notResolved = new("not-resolved-1h", [Condition.NotResolvedWithin(Duration.FromHours(1))], s_manager);

    private static readonly ConditionRule s_ackBreached = new("ack-breached", [Condition.TargetBreached(Milestone.Acknowledged)], s_manager);

    private static Instant Minute(int m) => s_opened + Duration.FromMinutes(m);

    private static IncidentFacts Sev(int rank) => new(s_opened)
    {
        SeverityRank = rank,
        Targets = SeverityPresets.Sev.Levels[rank].Targets,
    };

    [Fact]
    public void FiresAt_SevereAndNotMitigated_AtTheDeadline() =>
        Assert.Equal(Minute(15), s_sev1NotMitigated.FiresAt(Sev(0)));

    [Fact]
    public void FiresAt_LessSevere_Never() =>
        Assert.Null(s_sev1NotMitigated.FiresAt(Sev(1)));

    [Theory]
    [InlineData(14, false)]
    [InlineData(15, false)]   // mitigated exactly at the deadline is within it
    [InlineData(16, true)]
    public void FiresAt_MitigatedInTime_Never(int mitigatedMinute, bool fires) =>
        Assert.Equal(fires ? Minute(15) : null, s_sev1NotMitigated.FiresAt(Sev(0) with { Mitigated = Minute(mitigatedMinute) }));

    [Fact]
    public void FiresAt_ResolutionCountsAsMitigation_AndNothingFiresOnceResolved()
    {
        Assert.Null(s_sev1NotMitigated.FiresAt(Sev(0) with { Resolved = Minute(10) }));
        Assert.Equal(Minute(60), s_notResolved.FiresAt(Sev(2) with { Resolved = Minute(90) }));
        Assert.Null(s_notResolved.FiresAt(Sev(2) with { Resolved = Minute(60) }));
    }

    [Fact]
    public void FiresAt_TargetBreached_UsesTheSeveritysTarget()
    {
        Assert.Equal(Minute(5), s_ackBreached.FiresAt(Sev(0)));     // SEV-1: acknowledge within 5 minutes
        Assert.Equal(Minute(60), s_ackBreached.FiresAt(Sev(2)));    // SEV-3: within an hour
        Assert.Null(s_ackBreached.FiresAt(Sev(2) with { Acknowledged = Minute(30) }));
        Assert.Null(s_ackBreached.FiresAt(new IncidentFacts(s_opened)));   // no targets, nothing to breach
    }

    [Fact]
    public void FiresAt_SeverityRaisedAfterTheDeadline_IsAlreadyDue_TheEngineFiresItNow()
    {
        var facts = Sev(2);
        Assert.Null(s_sev1NotMitigated.FiresAt(facts));

        Assert.Equal(Minute(15), s_sev1NotMitigated.FiresAt(facts with { SeverityRank = 0 }));
    }

    [Fact]
    public void Due_LeavesOutFiredRules_SoEachFiresAtMostOnce()
    {
        ConditionRule[] rules = [s_notResolved, s_sev1NotMitigated, s_ackBreached];

        Assert.Equal(["ack-breached", "sev1-not-mitigated", "not-resolved-1h"], ConditionRule.Due(rules, Sev(0), new HashSet<string>()).Select(d => d.Rule.Key));
        Assert.Equal([("not-resolved-1h", Minute(60))],
            ConditionRule.Due(rules, Sev(0), new HashSet<string> { "ack-breached", "sev1-not-mitigated" }).Select(d => (d.Rule.Key, d.At)));
    }

    [Fact]
    public void FiresAt_Property_OneInstantThatNewerFactsNeverMoveEarlier_AndFiredRulesStayOut() =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[1, 90], Gen.Int[0, 120].Nullable(0.5), Gen.Int[0, 120].Nullable(0.5))
            .Sample((rank, within, mitigated, resolved) =>
            {
                var rule = new ConditionRule("r", [Condition.SeverityAtOrWorse(1), Condition.NotMitigatedWithin(Duration.FromMinutes(within))], s_manager);
                var open = Sev(rank);
                var later = open with
                {
                    Mitigated = mitigated is { } m ? Minute(m) : null,
                    Resolved = resolved is { } r ? Minute(Math.Max(r, mitigated ?? 0)) : null,
                };

                var before = rule.FiresAt(open);
                var after = rule.FiresAt(later);

                // Learning that the incident was mitigated or resolved can only cancel the rule, never reschedule it.
                Assert.True(after is null || after == before);
                Assert.Equal(rank <= 1 ? Minute(within) : null, before);
                Assert.Empty(ConditionRule.Due([rule], later, new HashSet<string> { "r" }));
            }, iter: 300);

    [Fact]
    public void Validate_SaysWhatIsWrong()
    {
        ConditionRule[] rules =
        [
            new("dup", [Condition.NotAcknowledgedWithin(Duration.Zero)], []),
            new("dup", [Condition.SeverityAtOrWorse(-1), Condition.TargetBreached(Milestone.Resolved)], [EscalationTarget.Schedule("")]),
            new("", [], s_manager),
        ];

        Assert.Equal(
        [
            "rule key 'dup' is used more than once",
            "rule 'dup' notifies nobody",
            "rule 'dup': 'not acknowledged within' needs a known milestone and at least 1 minute",
            "rule 'dup': severity rank -1 is below 0, the most severe",
            "rule 'dup': severities set targets to acknowledge and to mitigate, not to be resolved",
            "rule 'dup': a schedule target names no schedule",
            "a rule has no key; the key is how it fires only once",
            "rule '(no key)' has no conditions",
        ], ConditionRule.Validate(rules));
    }
}
