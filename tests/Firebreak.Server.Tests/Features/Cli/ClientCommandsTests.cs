using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Firebreak.Cli;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary>The client commands in-process against a real server over HTTP: output, exit codes, the saved login.</summary>
public sealed class ClientCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private CliHarness Responder() => new(Server.BaseAddress, Server.ResponderToken);

    [Fact]
    public async Task Incident_DeclareToResolve_EachStepExitsZeroAndSaysWhatChanged()
    {
        using var cli = Responder();

        // Square brackets are Spectre markup; a title must still print exactly as typed.
        const string title = "Payments API [eu-west] timing out";
        var declared = await cli.RunAsync("incident", "declare", title, "--severity", "SEV-2", "--impact", "Card payments fail in the EU", "--json");
        AssertExit(ExitCodes.Ok, declared);
        var number = Json(declared).GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var slug = Json(declared).Str("slug");
        Assert.Equal("triggered", Json(declared).Str("status"));

        var list = await cli.RunAsync("incident", "list", "--open");
        AssertExit(ExitCodes.Ok, list);
        var lines = list.Out.Split('\n');
        Assert.StartsWith("#", lines[0], StringComparison.Ordinal);
        Assert.Contains("TITLE", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.Contains(title, StringComparison.Ordinal));
        Assert.StartsWith(number + " ", row, StringComparison.Ordinal);
        Assert.Contains("triggered", row, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', list.Out);

        var listJson = await cli.RunAsync("incident", "list", "--status", "triggered,investigating", "--severity", "SEV-2", "--json");
        AssertExit(ExitCodes.Ok, listJson);
        Assert.Contains(Json(listJson).EnumerateArray(), i => i.Str("slug") == slug);

        var shown = await cli.RunAsync("incident", "show", slug);
        AssertExit(ExitCodes.Ok, shown);
        Assert.StartsWith($"#{number}  {title}", shown.Out, StringComparison.Ordinal);
        foreach (var expected in new[] { slug, "SEV-2", "Card payments fail in the EU", "Roles", "commander", "TTA", "TTM", "TTR", "Checklist", "[ ]", "Timeline (UTC)", "Declared SEV-2 incident" })
        {
            Assert.Contains(expected, shown.Out, StringComparison.Ordinal);
        }

        var steps = new (string[] Args, string Says)[]
        {
            (["ack", number], $"#{number} acknowledged; status investigating."),
            (["status", number, "mitigating", "--note", "Rolled back the deploy"], $"#{number} is now mitigating."),
            (["severity", number, "SEV-1", "--reason", "All regions now"], $"#{number} is now SEV-1."),
            (["assign", number, "commander", "rita"], $"#{number}: rita is commander."),
            (["note", number, "Support has a macro for customers"], $"#{number}: note added."),
            (["resolve", number, "--note", "Error rate back to normal"], $"#{number} resolved"),
        };
        foreach (var (args, says) in steps)
        {
            var run = await cli.RunAsync(["incident", .. args]);
            AssertExit(ExitCodes.Ok, run);
            Assert.StartsWith(says, run.Out, StringComparison.Ordinal);
            Assert.Empty(run.Error);
        }

        var final = await cli.RunAsync("incident", "show", number, "--json");
        AssertExit(ExitCodes.Ok, final);
        var incident = Json(final);
        Assert.Equal("resolved", incident.Str("status"));
        Assert.Equal("SEV-1", incident.Str("severity"));
        Assert.Equal("rita", incident.GetProperty("roles").GetProperty("commander").Str("username"));
        // Resolving a SEV-1 opens its review draft, which the timeline says last.
        Assert.Equal(["declared", "status_changed", "status_changed", "severity_changed", "role_assigned", "note", "status_changed", "review"],
            incident.GetProperty("timeline").EnumerateArray().Select(t => t.Str("kind")));
        Assert.Contains("\n  \"timeline\": [", final.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_UnknownSeverity_ExitsOneWithTheFieldErrorAndCreatesNothing()
    {
        using var cli = Responder();
        var before = await Server.WithDbAsync(db => db.Incidents.CountAsync());

        var run = await cli.RunAsync("incident", "declare", "Disk full on db-3", "--severity", "SEV-9");

        AssertExit(ExitCodes.Refused, run);
        Assert.Empty(run.Out);
        Assert.Contains("severity: Unknown severity 'SEV-9'. Use one of: SEV-1", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await Server.WithDbAsync(db => db.Incidents.CountAsync()));
    }

    [Fact]
    public async Task Show_UnknownIncident_ExitsOneWithTheServersDetail()
    {
        using var cli = Responder();

        var run = await cli.RunAsync("incident", "show", "99999");

        AssertExit(ExitCodes.Refused, run);
        Assert.Contains("No incident '99999'", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("incident", "declare", "Title but no severity")]
    [InlineData("incident", "assign", "1", "boss", "rita")]
    [InlineData("incident", "list", "--limit", "many")]
    [InlineData("incident", "status", "1")]
    [InlineData("login", "--token", "fbk_x", "--username", "rita")]
    [InlineData("alert", "move", "1")]
    [InlineData("alert", "move", "1", "--new", "--to", "5")]
    [InlineData("alert", "show", "one")]
    [InlineData("integration", "create", "--name", "x")]
    [InlineData("integration", "rules", "set", "1")]
    [InlineData("incident", "merge", "1")]
    public async Task Command_WrongUsage_ExitsTwoAndPointsAtHelp(params string[] args)
    {
        using var cli = Responder();

        var run = await cli.RunAsync(args);

        AssertExit(ExitCodes.Usage, run);
        Assert.Empty(run.Out);
        Assert.Contains("--help' for usage.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnknownToken_ExitsThreeWithLoginHintAndNeverPrintsTheToken()
    {
        const string token = "fbk_notreal0_abcdefghijklmnopqrstuvwxyz012345";
        using var cli = new CliHarness(Server.BaseAddress, token);

        var run = await cli.RunAsync("incident", "list");

        AssertExit(ExitCodes.Auth, run);
        Assert.Contains("firebreak login", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(token, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_ViewerToken_ExitsThreeSayingTheRoleIsTooLow()
    {
        using var cli = new CliHarness(Server.BaseAddress, await Server.CreateUserWithTokenAsync("otto", Role.Viewer));

        var run = await cli.RunAsync("incident", "declare", "Viewer tries", "--severity", "SEV-3");

        AssertExit(ExitCodes.Auth, run);
        Assert.Contains("role", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_NothingListening_ExitsFourNamingTheUrl()
    {
        // A port that was free a moment ago and has no listener now: the connection is refused at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}/";
        using var cli = new CliHarness();

        var run = await cli.RunAsync("incident", "list", "--url", url, "--token", "fbk_whatever");

        AssertExit(ExitCodes.Unavailable, run);
        Assert.Contains(url, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_PasswordOnStdin_SavesAPrivateConfigThatLaterCommandsUseUntilLogout()
    {
        await Server.CreateUserWithTokenAsync("lena", Role.Responder);
        using var cli = new CliHarness();

        var login = await cli.RunWithInputAsync(RunningServer.UserPassword + "\n",
            "login", "--url", Server.BaseAddress.ToString(), "--username", "lena", "--password-stdin");

        AssertExit(ExitCodes.Ok, login);
        Assert.Contains("lena (responder)", login.Out, StringComparison.Ordinal);
        Assert.Contains(cli.ConfigFile, login.Out, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.ConfigFile));
        }

        var saved = JsonDocument.Parse(await File.ReadAllTextAsync(cli.ConfigFile)).RootElement;
        Assert.Equal(Server.BaseAddress, new Uri(saved.Str("url")));
        Assert.StartsWith("fbk_", saved.Str("token"), StringComparison.Ordinal);
        Assert.DoesNotContain(saved.Str("token"), login.Out + login.Error, StringComparison.Ordinal);

        var declared = await cli.RunAsync("incident", "declare", "Search index stale", "--severity", "SEV-3", "--json");
        AssertExit(ExitCodes.Ok, declared);
        Assert.Equal("lena", Json(declared).GetProperty("timeline")[0].Str("actor"));

        var logout = await cli.RunAsync("logout");
        AssertExit(ExitCodes.Ok, logout);
        Assert.False(File.Exists(cli.ConfigFile));
        var afterLogout = await cli.RunAsync("incident", "list");
        AssertExit(ExitCodes.Auth, afterLogout);
        Assert.Contains("firebreak login", afterLogout.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_ExitsThreeAndSavesNothing()
    {
        using var cli = new CliHarness();

        var run = await cli.RunWithInputAsync("not-the-password\n", "login", "--url", Server.BaseAddress.ToString(), "--username", "rita", "--password-stdin");

        AssertExit(ExitCodes.Auth, run);
        Assert.Contains("Wrong username or password", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.ConfigFile));
    }

    [Fact]
    public async Task Login_Token_IsCheckedBeforeSavingAndOnlySentToItsOwnServer()
    {
        using var cli = new CliHarness();
        var url = Server.BaseAddress.ToString();

        var bad = await cli.RunAsync("login", "--url", url, "--token", "fbk_notreal0_abcdefghijklmnopqrstuvwxyz012345");
        AssertExit(ExitCodes.Auth, bad);
        Assert.False(File.Exists(cli.ConfigFile));

        var good = await cli.RunAsync("login", "--url", url, "--token", Server.ResponderToken);
        AssertExit(ExitCodes.Ok, good);
        Assert.Contains("rita (responder)", good.Out, StringComparison.Ordinal);
        AssertExit(ExitCodes.Ok, await cli.RunAsync("incident", "list"));

        // The same server under another name is another server as far as the saved token is concerned.
        var otherName = new UriBuilder(Server.BaseAddress) { Host = "localhost" }.Uri.ToString();
        var elsewhere = await cli.RunAsync("incident", "list", "--url", otherName);
        AssertExit(ExitCodes.Auth, elsewhere);
        Assert.Contains($"No API token for {otherName}", elsewhere.Error, StringComparison.Ordinal);
    }
}
