using System.Globalization;
using Firebreak.Cli;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak action …</c> against a real server whose clock stands still.</summary>
public sealed class ActionCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private string Day(int plusDays) => DateOnly.FromDateTime(Server.Clock.GetUtcNow().UtcDateTime).AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<string> DeclareAsync(CliHarness cli)
    {
        var declared = await cli.RunAsync("incident", "declare", "Checkout returns 502", "--severity", "SEV-2", "--json");
        AssertExit(ExitCodes.Ok, declared);
        return Json(declared).GetProperty("number").GetInt32().ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Action_AddListByOwnerShowDoneAndWont()
    {
        using var responder = await Server.CliAsAsync(Role.Responder);
        var owner = $"owner{Guid.NewGuid():N}"[..20];
        await Server.CreateUserWithTokenAsync(owner, Role.Responder);
        var incident = await DeclareAsync(responder);

        var added = await responder.RunAsync("action", "add", "--incident", incident, "--title", "Alert on pool saturation at 80%",
            "--owner", owner, "--due", Day(7), "--priority", "p0");
        AssertExit(ExitCodes.Ok, added);
        var key = Assert.Single(System.Text.RegularExpressions.Regex.Matches(added.Out, @"FB-\d+")).Value;
        Assert.Equal($"Added {key} to incident #{incident}: Alert on pool saturation at 80% (P0, owner {owner}, due {Day(7)}).", added.Out.Trim());
        var second = await responder.RunAsync("action", "add", "--incident", incident, "--title", "Load-test the pool", "--owner", owner, "--due", Day(-1), "--json");
        AssertExit(ExitCodes.Ok, second);
        var secondKey = Json(second).Str("key");

        var list = await responder.RunAsync("action", "list", "--owner", owner);
        AssertExit(ExitCodes.Ok, list);
        var lines = list.Out.TrimEnd().Split('\n');
        Assert.Matches(@"^KEY\s+PRI\s+STATUS\s+DUE\s+OWNER\s+INCIDENT\s+TITLE$", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Matches($@"^{secondKey}\s+P1\s+open\s+{Day(-1)} overdue\s+{owner}\s+#{incident}\s+Load-test the pool$", lines[1]);
        Assert.Matches($@"^{key}\s+P0\s+open\s+{Day(7)}\s+{owner}\s+#{incident}\s+Alert on pool saturation at 80%$", lines[2]);

        var overdue = await responder.RunAsync("action", "list", "--owner", owner, "--overdue", "--json");
        Assert.Equal([secondKey], Json(overdue).EnumerateArray().Select(a => a.Str("key")));

        var show = await responder.RunAsync("action", "show", key.ToLowerInvariant());
        AssertExit(ExitCodes.Ok, show);
        Assert.StartsWith($"{key}  Alert on pool saturation at 80%", show.Out, StringComparison.Ordinal);
        Assert.Matches($@"Owner\s+{owner}", show.Out);
        Assert.Matches($@"Due\s+{Day(7)}", show.Out);
        Assert.Matches($@"Incident\s+#{incident}", show.Out);

        var done = await responder.RunAsync("action", "done", key);
        var wont = await responder.RunAsync("action", "done", secondKey, "--wont");
        AssertExit(ExitCodes.Ok, done);
        AssertExit(ExitCodes.Ok, wont);
        Assert.Equal($"{key} is done: Alert on pool saturation at 80%", done.Out.Trim());
        Assert.Equal($"{secondKey} is won't do: Load-test the pool", wont.Out.Trim());

        var open = await responder.RunAsync("action", "list", "--incident", incident, "--status", "open,in_progress");
        Assert.Equal("No action items match.", open.Out.Trim());
        var closed = await responder.RunAsync("action", "list", "--incident", incident, "--status", "done,wont_do", "--json");
        Assert.Equal(2, Json(closed).GetArrayLength());
    }

    [Fact]
    public async Task Action_ServerRefusals_ExitOneOrThreeWithTheServersReason()
    {
        using var responder = await Server.CliAsAsync(Role.Responder);
        using var viewer = await Server.CliAsAsync(Role.Viewer);
        var incident = await DeclareAsync(responder);

        AssertError(ExitCodes.Refused, "'next friday' is not a date; write it as 2027-01-15.",
            await responder.RunAsync("action", "add", "--incident", incident, "--title", "x", "--due", "next friday"));
        AssertError(ExitCodes.Refused, "No active user 'nobody-here'",
            await responder.RunAsync("action", "add", "--incident", incident, "--title", "x", "--owner", "nobody-here"));
        AssertError(ExitCodes.Refused, "No follow-up 'FB-999999'.", await responder.RunAsync("action", "show", "FB-999999"));
        AssertError(ExitCodes.Refused, "No follow-up 'FB-999999'.", await responder.RunAsync("action", "done", "FB-999999"));
        AssertError(ExitCodes.Refused, "Status is one of", await responder.RunAsync("action", "list", "--status", "closed"));
        AssertError(ExitCodes.Auth, "role", await viewer.RunAsync("action", "add", "--incident", incident, "--title", "x"));
    }

    [Theory]
    [InlineData("--title", "action", "add", "--incident", "1")]
    [InlineData("--incident", "action", "add", "--title", "x")]
    [InlineData("Required argument missing", "action", "done")]
    public async Task Action_WrongUsage_ExitsTwo(string says, params string[] args)
    {
        using var responder = await Server.CliAsAsync(Role.Responder);

        var run = await responder.RunAsync(args);

        AssertError(ExitCodes.Usage, says, run);
    }
}
