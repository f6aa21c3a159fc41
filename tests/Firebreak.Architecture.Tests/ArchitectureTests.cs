using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Firebreak.Server.Features.Incidents;

namespace Firebreak.Architecture.Tests;

/// <summary>The dependency rules hold for the code as it is.</summary>
public sealed class ArchitectureTests
{
    private static readonly ArchUnitNET.Domain.Architecture s_code = new ArchLoader()
        .LoadAssemblies(typeof(Core.Incidents.IncidentStatus).Assembly, typeof(IncidentService).Assembly, typeof(Cli.ClientCommands).Assembly)
        .Build();

    public static TheoryData<string> Features => [.. DependencyRules.FeatureGraph.Keys];

    [Fact]
    public void Core_ReferencesNoWebDatabaseOrIo() => DependencyRules.CoreIsPure().Check(s_code);

    [Fact]
    public void Engine_KnowsNoFeature() => DependencyRules.EngineKnowsNoFeature().Check(s_code);

    [Fact]
    public void Storage_KnowsNoFeature() => DependencyRules.StorageKnowsNoFeature().Check(s_code);

    [Fact]
    public void Hosting_KnowsNoFeature() => DependencyRules.HostingKnowsNoFeature().Check(s_code);

    [Fact]
    public void Components_KnowOnlyWhoIsSignedIn() => DependencyRules.ComponentsKnowOnlyWhoActs().Check(s_code);

    [Theory]
    [MemberData(nameof(Features))]
    public void Feature_DependsOnlyAlongTheGraph(string feature) => DependencyRules.FeatureUsesOnlyWhatItMay(feature).Check(s_code);

    [Fact]
    public void EveryFeatureFolder_IsInTheGraph()
    {
        var folders = typeof(IncidentService).Assembly.GetTypes()
            .Select(t => t.Namespace ?? "")
            .Where(n => n.StartsWith(DependencyRules.Features + ".", StringComparison.Ordinal))
            .Select(n => n[(DependencyRules.Features.Length + 1)..].Split('.')[0])
            .ToHashSet(StringComparer.Ordinal);
        Assert.Empty(folders.Except(DependencyRules.FeatureGraph.Keys));
    }
}
