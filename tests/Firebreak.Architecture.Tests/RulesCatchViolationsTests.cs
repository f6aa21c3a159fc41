using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using Firebreak.Server.Features.Incidents;

namespace Firebreak.Architecture.Tests;

/// <summary>
/// Each rule, run against the code plus one deliberate break (Violations.cs), fails and names the breaking type: a rule
/// that cannot fail would pass for the wrong reason.
/// </summary>
public sealed class RulesCatchViolationsTests
{
    private static readonly ArchUnitNET.Domain.Architecture s_broken = new ArchLoader()
        .LoadAssemblies(typeof(Core.Incidents.IncidentStatus).Assembly, typeof(IncidentService).Assembly)
        .LoadNamespacesWithinAssembly(typeof(RulesCatchViolationsTests).Assembly,
            "Firebreak.Core.Violations", "Firebreak.Server.Engine.Violations", "Firebreak.Server.Storage.Violations",
            "Firebreak.Server.Hosting.Violations", "Firebreak.Server.Components.Violations",
            "Firebreak.Server.Features.Incidents.Violations", "Firebreak.Server.Features.Maintenance.Violations",
            "Firebreak.Server.Features.Config.Violations")
        .Build();

    public static TheoryData<string, string> Breaks => new()
    {
        { "core", "ReadsHttp" },
        { "engine", "KnowsIncidents" },
        { "storage", "KnowsAlerts" },
        { "hosting", "NamesAService" },
        { "components", "NamesAFeature" },
        { "Incidents", "CallsEscalation" },
        { "Maintenance", "CallsIntake" },
        { "Config", "StagesSchedules" },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public void Rule_FailsOnItsBreak_NamingTheType(string rule, string breakingType)
    {
        var result = Rule(rule).Evaluate(s_broken).Where(r => !r.Passed).Select(r => r.Description).ToList();

        Assert.Contains(result, d => d.Contains(breakingType, StringComparison.Ordinal));
    }

    private static IArchRule Rule(string name) => name switch
    {
        "core" => DependencyRules.CoreIsPure(),
        "engine" => DependencyRules.EngineKnowsNoFeature(),
        "storage" => DependencyRules.StorageKnowsNoFeature(),
        "hosting" => DependencyRules.HostingKnowsNoFeature(),
        "components" => DependencyRules.ComponentsKnowOnlyWhoActs(),
        _ => DependencyRules.FeatureUsesOnlyWhatItMay(name),
    };
}
