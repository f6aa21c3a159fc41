using CsCheck;
using Firebreak.Core.Incidents;

namespace Firebreak.Core.Tests.Incidents;

public sealed class IncidentLifecycleTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 15, 2, 12, 0, TimeSpan.Zero);

    [Fact]
    public void Transition_FullForwardPath_StampsEachMilestoneOnce()
    {
        var stamps = new IncidentTimestamps(s_t0);
        var status = IncidentStatus.Triggered;
        var path = new[]
        {
            IncidentStatus.Investigating, IncidentStatus.Identified, IncidentStatus.Mitigating,
            IncidentStatus.Monitoring, IncidentStatus.Resolved, IncidentStatus.Closed,
        };
        var minute = 0;
        foreach (var next in path)
        {
            minute += 5;
            var result = IncidentLifecycle.Transition(status, next, stamps, s_t0.AddMinutes(minute));
            Assert.True(result.Ok, result.Error);
            stamps = result.Stamps!;
            status = next;
        }

        Assert.Equal(s_t0.AddMinutes(5), stamps.AcknowledgedAt);
        Assert.Equal(s_t0.AddMinutes(10), stamps.IdentifiedAt);
        Assert.Equal(s_t0.AddMinutes(20), stamps.MitigatedAt);
        Assert.Equal(s_t0.AddMinutes(25), stamps.ResolvedAt);
        Assert.Equal(s_t0.AddMinutes(30), stamps.ClosedAt);
    }

    [Fact]
    public void Transition_TriggeredStraightToResolved_ImpliesAcknowledgeAndMitigation()
    {
        var result = IncidentLifecycle.Transition(IncidentStatus.Triggered, IncidentStatus.Resolved, new IncidentTimestamps(s_t0), s_t0.AddMinutes(3));

        Assert.True(result.Ok);
        Assert.Equal(s_t0.AddMinutes(3), result.Stamps!.AcknowledgedAt);
        Assert.Equal(s_t0.AddMinutes(3), result.Stamps.MitigatedAt);
        Assert.Equal(s_t0.AddMinutes(3), result.Stamps.ResolvedAt);
    }

    [Theory]
    [InlineData(IncidentStatus.Resolved)]
    [InlineData(IncidentStatus.Monitoring)]
    public void Transition_BySourceBeforeAnyoneAnswered_IsNotAnAcknowledgement(IncidentStatus to)
    {
        var result = IncidentLifecycle.Transition(IncidentStatus.Triggered, to, new IncidentTimestamps(s_t0), s_t0.AddSeconds(47), bySource: true);

        Assert.True(result.Ok);
        Assert.Null(result.Stamps!.AcknowledgedAt);
        Assert.Equal(s_t0.AddSeconds(47), result.Stamps.MitigatedAt);
        var tta = ResponseMetrics.Compute(result.Stamps, s_t0.AddHours(1)).Tta;
        Assert.False(tta.Reached);
        Assert.False(tta.MetTarget(TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(IncidentStatus.Triggered, IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Triggered, IncidentStatus.Triggered)]
    [InlineData(IncidentStatus.Investigating, IncidentStatus.Triggered)]
    [InlineData(IncidentStatus.Investigating, IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Resolved, IncidentStatus.Mitigating)]
    [InlineData(IncidentStatus.Closed, IncidentStatus.Investigating)]
    [InlineData(IncidentStatus.Monitoring, IncidentStatus.Monitoring)]
    public void Transition_NotAllowed_IsRejectedWithReason(IncidentStatus from, IncidentStatus to)
    {
        var result = IncidentLifecycle.Transition(from, to, new IncidentTimestamps(s_t0), s_t0);

        Assert.False(result.Ok);
        Assert.Contains(to.ToWire(), result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Transition_MonitoringBackToMitigating_KeepsFirstMitigationTime()
    {
        var stamps = new IncidentTimestamps(s_t0, AcknowledgedAt: s_t0.AddMinutes(1), IdentifiedAt: s_t0.AddMinutes(2), MitigatedAt: s_t0.AddMinutes(10));

        var result = IncidentLifecycle.Transition(IncidentStatus.Monitoring, IncidentStatus.Mitigating, stamps, s_t0.AddMinutes(30));

        Assert.True(result.Ok);
        Assert.Equal(s_t0.AddMinutes(10), result.Stamps!.MitigatedAt);
    }

    [Fact]
    public void Transition_Reopen_ClearsResolutionButKeepsAcknowledge()
    {
        var stamps = new IncidentTimestamps(s_t0, AcknowledgedAt: s_t0.AddMinutes(1), MitigatedAt: s_t0.AddMinutes(9), ResolvedAt: s_t0.AddMinutes(10));

        var result = IncidentLifecycle.Transition(IncidentStatus.Resolved, IncidentStatus.Investigating, stamps, s_t0.AddHours(1));

        Assert.True(result.Ok);
        Assert.Null(result.Stamps!.ResolvedAt);
        Assert.Equal(s_t0.AddMinutes(1), result.Stamps.AcknowledgedAt);
    }

    [Fact]
    public void Transition_AnyAcceptedPath_KeepsMilestonesInOrder()
    {
        // Property: whatever sequence of allowed moves responders make, acknowledged <= identified <= mitigated <= resolved.
        Gen.Int[0, 6].Array[1, 20].Sample(choices =>
        {
            var status = IncidentStatus.Triggered;
            var stamps = new IncidentTimestamps(s_t0);
            var now = s_t0;
            foreach (var choice in choices)
            {
                var allowed = IncidentLifecycle.AllowedFrom(status);
                if (allowed.Count == 0)
                {
                    break;
                }

                now = now.AddMinutes(1);
                var next = allowed[choice % allowed.Count];
                var result = IncidentLifecycle.Transition(status, next, stamps, now);
                Assert.True(result.Ok);
                stamps = result.Stamps!;
                status = next;
            }

            if (status != IncidentStatus.Triggered)
            {
                Assert.NotNull(stamps.AcknowledgedAt);
            }

            Assert.True(stamps.IdentifiedAt is null || stamps.AcknowledgedAt <= stamps.IdentifiedAt);
            Assert.True(stamps.MitigatedAt is null || stamps.IdentifiedAt <= stamps.MitigatedAt);
            Assert.True(stamps.ResolvedAt is null || stamps.MitigatedAt <= stamps.ResolvedAt);
            Assert.Equal(status is IncidentStatus.Resolved or IncidentStatus.Closed, stamps.ResolvedAt is not null);
        });
    }
}
