using Firebreak.Server.Tests.Features.Cli;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Config;

/// <summary><c>firebreak config plan|apply</c> as an operator runs them, on the shipped examples and a fresh SQLite database.</summary>
public sealed class ConfigCommandTests
{
    [Fact]
    public async Task PlanApplyPlan_ShippedExamples_PlansCreatesThenSaysNoChanges()
    {
        using var data = new TempDir();
        var examples = Firebreak.Server.Features.Config.ConfigApplier.FindExamplesDir();

        var notMigrated = await RunAsync("config", "plan", examples, "--data", data.Path);
        await RunAsync("migrate", "--data", data.Path);
        var before = await RunAsync("config", "plan", examples, "--data", data.Path);
        var apply = await RunAsync("config", "apply", examples, "--data", data.Path);
        var after = await RunAsync("config", "plan", examples, "--data", data.Path);

        Assert.Equal(1, notMigrated.ExitCode);
        Assert.Contains("firebreak migrate", notMigrated.Error, StringComparison.Ordinal);
        Assert.Equal(0, before.ExitCode);
        Assert.Contains("+ create integration/prod Alertmanager", before.Out, StringComparison.Ordinal);
        Assert.Contains("+ create maintenance/search/Weekly index rebuild", before.Out, StringComparison.Ordinal);
        Assert.Contains("key: (generated)", before.Out, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Matches("Integration 'prod Alertmanager' was created with key [0-9a-f]{32}", apply.Out);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("No changes", after.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("+ create", after.Out, StringComparison.Ordinal);
    }

    private static Task<CliRun> RunAsync(params string[] args) => FirebreakProcess.RunAsync(new Dictionary<string, string?>(), args);
}
