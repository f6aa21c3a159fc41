using Firebreak.Cli;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak runners …</c> (admins) and the argument checks of <c>firebreak runner</c>, against a real server.</summary>
public sealed class RunnerCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Runners_AddPrintsTheTokenOnce_ListShowsLabels_RemoveRevokes_AndOnlyAdminsMay()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);
        using var responder = await Server.CliAsAsync(Role.Responder);
        var name = $"cli-{Guid.NewGuid():N}"[..16];

        AssertExit(ExitCodes.Auth, await responder.RunAsync("runners", "add", name, "--label", "env=prod"));
        AssertExit(ExitCodes.Usage, await admin.RunAsync("runners", "add", name, "--label", "prod"));
        var added = await admin.RunAsync("runners", "add", name, "--label", "env=prod", "--label", "region=eu");

        AssertExit(ExitCodes.Ok, added);
        Assert.Contains($"Registered runner {name} (env=prod, region=eu).", added.Out, StringComparison.Ordinal);
        var token = added.Out.Split('\n').Single(l => l.StartsWith("Its token, shown this once: ", StringComparison.Ordinal))["Its token, shown this once: ".Length..].Trim();
        Assert.StartsWith("fbr_", token, StringComparison.Ordinal);
        var list = await admin.RunAsync("runners", "list");
        AssertExit(ExitCodes.Ok, list);
        Assert.Matches($@"(?m)^{name}\s+env=prod, region=eu\s+no\s+never", list.Out);
        Assert.DoesNotContain(token, list.Out, StringComparison.Ordinal);

        AssertExit(ExitCodes.Ok, await admin.RunAsync("runners", "remove", name));
        AssertExit(ExitCodes.Refused, await admin.RunAsync("runners", "remove", name));
        var worker = await admin.RunAsync("runner", "--server", Server.BaseAddress.ToString(), "--token", token);
        AssertExit(ExitCodes.Auth, worker);
        Assert.Contains("runner token is unknown or its runner was removed", worker.Error, StringComparison.Ordinal);
        AssertExit(ExitCodes.Usage, await admin.RunAsync("runner", "--server", "ftp://x", "--token", token));
    }
}
