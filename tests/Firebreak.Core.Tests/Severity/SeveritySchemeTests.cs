using Firebreak.Core.Severity;

namespace Firebreak.Core.Tests.Severity;

public sealed class SeveritySchemeTests
{
    [Fact]
    public void Presets_AreValidAndOrderedMostSevereFirst()
    {
        foreach (var scheme in new[] { SeverityPresets.Sev, SeverityPresets.P })
        {
            Assert.Empty(scheme.Validate());
            Assert.Equal(scheme.Levels.OrderBy(l => l.Rank).Select(l => l.Key), scheme.Levels.Select(l => l.Key));
            Assert.Equal(4, scheme.Levels.Count);
        }

        Assert.Equal(["SEV-1", "SEV-2", "SEV-3", "SEV-4"], SeverityPresets.Sev.Levels.Select(l => l.Key));
        Assert.Equal(["P0", "P1", "P2", "P3"], SeverityPresets.P.Levels.Select(l => l.Key));
    }

    [Fact]
    public void Presets_MostSevereLevel_HasTriageChecklistAndTightTargets()
    {
        var sev1 = SeverityPresets.Sev.Find("sev-1")!;

        Assert.Contains("Assign an incident commander", sev1.Checklist);
        Assert.Equal(TimeSpan.FromMinutes(5), sev1.Targets.AcknowledgeWithin);
        Assert.Empty(SeverityPresets.Sev.Find("SEV-4")!.Checklist);
    }

    [Fact]
    public void Validate_ReportsDuplicatesAndInvertedTargets()
    {
        var targets = new ResponseTargets(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), null, null);
        var scheme = new SeverityScheme("x",
        [
            new SeverityLevel("A", "A", 0, "", targets, []),
            new SeverityLevel("a", "A again", 1, "", ResponseTargets.None, []),
        ]);

        var problems = scheme.Validate();

        Assert.Contains(problems, p => p.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("shorter than acknowledge", StringComparison.Ordinal));
    }
}
