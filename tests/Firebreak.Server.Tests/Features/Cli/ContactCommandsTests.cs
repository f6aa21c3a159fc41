using Firebreak.Cli;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Features.Escalation;
using Microsoft.Extensions.DependencyInjection;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak contact …</c>: one's own contact methods, test pages through the real engine, and rules.</summary>
public sealed class ContactCommandsTests(SqliteEngineFixture fixture) : IClassFixture<SqliteEngineFixture>
{
    [Fact]
    public async Task AddListTestRemove_WithTheSecretFromTheEnvironment()
    {
        using var cli = await fixture.Server.CliAsAsync(Role.Viewer);
        var path = $"/contact/{Guid.NewGuid():N}";
        cli.Variables["HOOK_SECRET"] = "a-long-enough-signing-secret";

        var added = await cli.RunAsync("contact", "add", "webhook", fixture.Receiver.Url(path), "--label", "pager", "--secret-env", "HOOK_SECRET", "--json");
        AssertExit(ExitCodes.Ok, added);
        var id = Json(added).GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var list = await cli.RunAsync("contact", "list");
        var test = await WhileEngineRunsAsync(cli.RunAsync("contact", "test", id));
        var removed = await cli.RunAsync("contact", "remove", id);

        Assert.True(Json(added).GetProperty("hasSecret").GetBoolean());
        Assert.Contains(list.Out.Split('\n'), l => l.Contains(id, StringComparison.Ordinal) && l.Contains("pager", StringComparison.Ordinal)
            && l.Contains("yes", StringComparison.Ordinal));
        AssertExit(ExitCodes.Ok, test);
        Assert.Equal("Test webhook page sent.", test.Out.Trim());
        Assert.Single(fixture.PagesTo(path));
        Assert.Equal($"Removed contact method {id}: webhook pager.", removed.Out.Trim());
    }

    [Fact]
    public async Task Test_ToAFailingWebhook_PrintsFailedWithTheError()
    {
        using var cli = await fixture.Server.CliAsAsync(Role.Viewer);
        var added = await cli.RunAsync("contact", "add", "webhook", fixture.Receiver.Url("/status/400"), "--json");
        var id = Json(added).GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var test = await WhileEngineRunsAsync(cli.RunAsync("contact", "test", id));

        AssertExit(ExitCodes.Refused, test);
        Assert.StartsWith("Test webhook page failed: ", test.Out, StringComparison.Ordinal);
        Assert.Contains("400", test.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretEnvUnset_IsAUsageError_AndNothingIsAdded()
    {
        using var cli = await fixture.Server.CliAsAsync(Role.Viewer);

        var run = await cli.RunAsync("contact", "add", "webhook", "https://hooks.example.test/x", "--secret-env", "NOT_SET");

        AssertError(ExitCodes.Usage, "the environment variable NOT_SET is not set or empty", run);
        Assert.Contains("No contact methods", (await cli.RunAsync("contact", "list")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_SetAndShow_NameTheMethods()
    {
        using var cli = await fixture.Server.CliAsAsync(Role.Viewer);
        var email = Json(await cli.RunAsync("contact", "add", "email", "me@example.test", "--json")).GetProperty("id").GetInt64();
        var hook = Json(await cli.RunAsync("contact", "add", "webhook", "https://hooks.example.test/x", "--label", "chat", "--json")).GetProperty("id").GetInt64();

        var empty = await cli.RunAsync("contact", "rules");
        var set = await cli.RunAsync("contact", "rules", "set", $"{email}:0", $"{hook}:2");
        var shown = await cli.RunAsync("contact", "rules", "--json");

        Assert.Contains("No notification rules", empty.Out, StringComparison.Ordinal);
        AssertExit(ExitCodes.Ok, set);
        Assert.Contains(set.Out.Split('\n'), l => l.StartsWith("2 min", StringComparison.Ordinal) && l.Contains("chat", StringComparison.Ordinal));
        Assert.Equal(2, Json(shown).GetArrayLength());
        AssertError(ExitCodes.Refused, "at least one rule must notify at once", await cli.RunAsync("contact", "rules", "set", $"{hook}:2"));
        AssertError(ExitCodes.Usage, "is not a rule", await cli.RunAsync("contact", "rules", "set", "chat:2"));
    }

    /// <summary>
    /// Runs the engine by hand whenever a commit hands it work (the test send), as the background loop would, until the
    /// command has seen the outcome.
    /// </summary>
    private async Task<CliRun> WhileEngineRunsAsync(Task<CliRun> run)
    {
        var handedOver = fixture.Server.App.Services.GetRequiredService<WorkSignal>().Hot;
        using var done = new CancellationTokenSource();
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, handedOver.WaitToReadAsync(done.Token).AsTask());
            await fixture.Runner.RunDueAsync();
        }

        await done.CancelAsync();
        return await run;
    }
}
