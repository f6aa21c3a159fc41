using System.Net;
using Firebreak.Cli;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak user …</c> against a real server.</summary>
public sealed class UserCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private static string NewName() => $"cli{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task User_AddListSetRoleDisableEnable()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);
        var name = NewName();

        var added = await admin.RunAsync("user", "add", name, "--role", "responder", "--display-name", "Kim Example");
        AssertExit(ExitCodes.Ok, added);
        Assert.Contains($"Added {name} (Kim Example) as responder.", added.Out, StringComparison.Ordinal);
        var password = OneTimePassword(added.Out);
        await Server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = name, password }).ExpectAsync(HttpStatusCode.Created);

        var list = await admin.RunAsync("user", "list");
        AssertExit(ExitCodes.Ok, list);
        Assert.Contains("USERNAME", list.Out.Split('\n')[0], StringComparison.Ordinal);
        Assert.Matches($@"(?m)^{name}\s+Kim Example\s+responder\s+enabled", list.Out);

        var role = await admin.RunAsync("user", "set-role", name, "admin", "--json");
        AssertExit(ExitCodes.Ok, role);
        Assert.Equal("admin", Json(role).Str("role"));

        var disabled = await admin.RunAsync("user", "disable", name);
        AssertExit(ExitCodes.Ok, disabled);
        Assert.StartsWith($"Disabled {name}:", disabled.Out, StringComparison.Ordinal);
        Assert.True(await Server.WithDbAsync(db => db.Users.Where(u => u.Username == name).Select(u => u.Disabled).SingleAsync()));

        var enabled = await admin.RunAsync("user", "enable", name);
        AssertExit(ExitCodes.Ok, enabled);
        Assert.Equal($"Enabled {name}.", enabled.Out.Trim());
        var json = await admin.RunAsync("user", "list", "--json");
        Assert.Contains(Json(json).EnumerateArray(), u => u.Str("username") == name && !u.GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task User_ResetPassword_PrintsItOnce_AndItWorks()
    {
        using var admin = await Server.CliAsAsync(Role.Admin);
        var name = NewName();
        await Server.CreateUserWithTokenAsync(name, Role.Responder);

        var reset = await admin.RunAsync("user", "reset-password", name);

        AssertExit(ExitCodes.Ok, reset);
        var password = OneTimePassword(reset.Out);
        Assert.Contains("shown once", reset.Out, StringComparison.OrdinalIgnoreCase);
        await Server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = name, password }).ExpectAsync(HttpStatusCode.Created);
        var json = await admin.RunAsync("user", "reset-password", name, "--json");
        Assert.NotEqual(password, Json(json).Str("password"));
    }

    [Fact]
    public async Task User_DemoteTheLastAdmin_ExitsOneWithTheReason()
    {
        await using var server = await RunningServer.StartAsync(Server.Database.Provider);
        using var admin = new CliHarness(server.BaseAddress, await server.CreateUserWithTokenAsync("solo", Role.Admin));
        await server.Admin.PatchJsonAsync("/api/v1/users/admin", new { disabled = true }).ExpectAsync(HttpStatusCode.OK);
        await server.Admin.PatchJsonAsync("/api/v1/users/adam", new { disabled = true }).ExpectAsync(HttpStatusCode.OK);

        var run = await admin.RunAsync("user", "set-role", "solo", "viewer");
        var disable = await admin.RunAsync("user", "disable", "solo");

        AssertError(ExitCodes.Refused, "last enabled admin", run);
        AssertError(ExitCodes.Refused, "last enabled admin", disable);
    }

    [Fact]
    public async Task User_AsResponder_ExitsThree_AndBadRoleExitsTwo()
    {
        using var responder = await Server.CliAsAsync(Role.Responder);

        AssertError(ExitCodes.Auth, "role", await responder.RunAsync("user", "list"));
        AssertError(ExitCodes.Usage, "chief", await responder.RunAsync("user", "set-role", "someone", "chief"));
    }

    private static string OneTimePassword(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @"password[^:\n]*:\s*(\S+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        Assert.True(match.Success, output);
        return match.Groups[1].Value;
    }
}
