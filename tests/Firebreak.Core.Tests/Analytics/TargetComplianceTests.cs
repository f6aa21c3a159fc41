using Firebreak.Core.Analytics;
using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;

namespace Firebreak.Core.Tests.Analytics;

public sealed class TargetComplianceTests
{
    private static readonly DateTimeOffset s_declared = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static IncidentFacts Incident(DateTimeOffset? resolved, params int[] updateMinutes) => new(
        1, "SEV-1", null, null, new IncidentTimestamps(s_declared, ResolvedAt: resolved), false,
        new ResponseTargets(null, null, TimeSpan.FromMinutes(30), null),
        [.. updateMinutes.Select(m => s_declared.AddMinutes(m))]);

    [Fact]
    public void UpdatesKept_NoGapLongerThanTheCadence_UntilResolved_IsMet() =>
        Assert.True(TargetCompliance.UpdatesKept(Incident(s_declared.AddMinutes(80), 25, 50, 75), TimeSpan.FromMinutes(30), s_declared.AddDays(1)));

    [Fact]
    public void UpdatesKept_AGapLongerThanTheCadence_IsMissed() =>
        Assert.False(TargetCompliance.UpdatesKept(Incident(s_declared.AddMinutes(80), 25, 60), TimeSpan.FromMinutes(30), s_declared.AddDays(1)));

    [Fact]
    public void UpdatesKept_OpenAndWithinItSoFar_IsNotKnownYet() =>
        Assert.Null(TargetCompliance.UpdatesKept(Incident(null, 20), TimeSpan.FromMinutes(30), s_declared.AddMinutes(40)));

    [Fact]
    public void Rate_IsMetOverDecided_PendingLeftOut() =>
        Assert.Equal(0.5, ComplianceFigure.Empty.Add(true).Add(false).Add(null).Rate);
}
