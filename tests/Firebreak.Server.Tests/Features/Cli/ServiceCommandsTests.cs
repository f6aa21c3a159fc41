using System.Net;
using System.Net.Http.Json;
using Firebreak.Cli;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak service list|show|create|update</c> against a real server (issue 11 #13, CLI part).</summary>
public sealed class ServiceCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    private static List<string> Squeezed(string output) =>
        [.. output.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))];

    private async Task<string> TeamAsync()
    {
        var key = NewKey("team");
        await Server.WithDbAsync(async db =>
        {
            db.Teams.Add(new Team { Key = key, Name = $"Team {key}" });
            return await db.SaveChangesAsync();
        });
        return key;
    }

    private async Task<string> PolicyAsync()
    {
        var key = NewKey("pol");
        await Server.Admin.PutAsJsonAsync($"/api/v1/escalation-policies/{key}", new
        {
            name = "Payments",
            steps = new[] { new { targets = new[] { "user:rita" }, delay = "5m" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        return key;
    }

    [Fact]
    public async Task CreateListShow_WithEveryField_PrintsThemAndTheServerHasThem()
    {
        var team = await TeamAsync();
        var policy = await PolicyAsync();
        var key = NewKey("svc");
        using var admin = await Server.CliAsAsync(Role.Admin);

        var create = await admin.RunAsync("service", "create", "--key", key, "--name", "Checkout API", "--team", team,
            "--time-zone", "Europe/Berlin", "--policy", policy, "--auto-resolve", "monitoring");
        var list = await admin.RunAsync("service", "list");
        var show = await admin.RunAsync("service", "show", key);
        var json = await admin.RunAsync("service", "list", "--json");

        AssertExit(ExitCodes.Ok, create);
        Assert.StartsWith($"Created service {key}.", create.Out, StringComparison.Ordinal);
        AssertExit(ExitCodes.Ok, list);
        Assert.Contains("KEY NAME TEAM TIME ZONE ESCALATION POLICY AUTO-RESOLVE", Squeezed(list.Out));
        Assert.Contains($"{key} Checkout API {team} Europe/Berlin {policy} monitoring", Squeezed(list.Out));
        AssertExit(ExitCodes.Ok, show);
        var lines = Squeezed(show.Out);
        Assert.Contains($"Checkout API ({key})", lines);
        Assert.Contains($"Team {team}", lines);
        Assert.Contains("Time zone Europe/Berlin", lines);
        Assert.Contains($"Escalation policy {policy}", lines);
        Assert.Contains(lines, l => l.StartsWith("Auto-resolve monitoring", StringComparison.Ordinal));
        Assert.Contains(Json(json).EnumerateArray(), s => s.Str("key") == key && s.Str("escalationPolicy") == policy && s.Str("autoResolve") == "monitoring");
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"service/{key}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["service.create"], audit);
    }

    [Fact]
    public async Task Update_ChangesOnlyTheFieldsGiven_AndNoPolicyClearsIt()
    {
        var team = await TeamAsync();
        var policy = await PolicyAsync();
        var key = NewKey("svc");
        using var admin = await Server.CliAsAsync(Role.Admin);
        AssertExit(ExitCodes.Ok, await admin.RunAsync("service", "create", "--key", key, "--name", "Before", "--team", team, "--policy", policy));

        var rename = await admin.RunAsync("service", "update", key, "--name", "After", "--time-zone", "Asia/Tokyo");

        AssertExit(ExitCodes.Ok, rename);
        Assert.StartsWith($"Updated service {key}.", rename.Out, StringComparison.Ordinal);
        var after = await Server.Viewer.GetAsync($"/api/v1/services/{key}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("After", after.Str("name"));
        Assert.Equal("Asia/Tokyo", after.Str("timeZone"));
        Assert.Equal(team, after.Str("team"));
        Assert.Equal(policy, after.Str("escalationPolicy"));
        Assert.Equal("resolved", after.Str("autoResolve"));

        var cleared = await admin.RunAsync("service", "update", key, "--no-policy", "--json");

        AssertExit(ExitCodes.Ok, cleared);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Json(cleared).GetProperty("escalationPolicy").ValueKind);
        Assert.Equal(team, Json(cleared).Str("team"));
        var show = await admin.RunAsync("service", "show", key);
        Assert.Contains(Squeezed(show.Out), l => l.StartsWith("Escalation policy none: its incidents page nobody", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAndUpdate_TheServerRefuses_ExitOneWithTheProblemDetailOnStderr()
    {
        var key = NewKey("svc");
        using var admin = await Server.CliAsAsync(Role.Admin);

        var badKey = await admin.RunAsync("service", "create", "--key", "Not A Key", "--name", "X");
        var badPolicy = await admin.RunAsync("service", "create", "--key", key, "--name", "X", "--policy", "nope");
        var badTeam = await admin.RunAsync("service", "create", "--key", key, "--name", "X", "--team", "nobody-team");
        var missing = await admin.RunAsync("service", "update", "no-such-service", "--name", "X");

        AssertError(ExitCodes.Refused, "lowercase letters, digits and dashes", badKey);
        AssertError(ExitCodes.Refused, "No escalation policy 'nope'.", badPolicy);
        AssertError(ExitCodes.Refused, "No team 'nobody-team'", badTeam);
        AssertError(ExitCodes.Refused, "No service 'no-such-service'.", missing);
        Assert.Empty(badKey.Out);
        await Server.Viewer.GetAsync($"/api/v1/services/{key}").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_AsViewer_IsRefusedWithExitThree_AndNothingIsCreated()
    {
        var key = NewKey("svc");
        using var viewer = await Server.CliAsAsync(Role.Viewer);

        var run = await viewer.RunAsync("service", "create", "--key", key, "--name", "Sneaky");
        var list = await viewer.RunAsync("service", "list");

        AssertExit(ExitCodes.Auth, run);
        Assert.Contains("firebreak login", run.Error, StringComparison.Ordinal);
        AssertExit(ExitCodes.Ok, list);
        Assert.DoesNotContain(key, list.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Missing value for --key", "create", "--key", "--name", "X")]
    [InlineData("Missing value for --team", "create", "--key", "k", "--name", "X", "--team", "--policy", "p")]
    [InlineData("Give --policy or --no-policy, not both.", "update", "some-service", "--policy", "p", "--no-policy")]
    [InlineData("Give --team or --no-team, not both.", "update", "some-service", "--team", "t", "--no-team")]
    [InlineData("Nothing to change", "update", "some-service")]
    [InlineData("'sometimes'", "create", "--key", "k", "--name", "X", "--auto-resolve", "sometimes")]
    public async Task UsageErrors_ExitTwo_SayWhy_AndSendNothing(string says, params string[] args)
    {
        using var admin = await Server.CliAsAsync(Role.Admin);

        var run = await admin.RunAsync(["service", .. args]);

        AssertError(ExitCodes.Usage, says, run);
        Assert.Empty(run.Out);
        Assert.Contains("Run 'firebreak service", run.Error, StringComparison.Ordinal);
    }
}
