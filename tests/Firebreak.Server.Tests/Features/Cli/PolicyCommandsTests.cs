using System.Net;
using System.Net.Http.Json;
using Firebreak.Cli;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak policy list|show|assign</c> against a real server.</summary>
public sealed class PolicyCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private async Task<string> PolicyAsync()
    {
        var key = $"pol-{Guid.NewGuid():N}"[..16];
        await Server.Admin.PutAsJsonAsync($"/api/v1/escalation-policies/{key}", new
        {
            name = "Payments",
            steps = new[] { new { targets = new[] { "commander" }, delay = "5m" }, new { targets = new[] { "user:rita" }, delay = "10m" } },
            rules = new[] { new { key = "sev1", when = new[] { "severity SEV-1", "not mitigated within 15m" }, notify = new[] { "user:rita" } } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        return key;
    }

    [Fact]
    public async Task ListShowAssign_ShowStepsRulesAndServices()
    {
        var key = await PolicyAsync();
        var service = await Server.AddServiceAsync();
        using var admin = await Server.CliAsAsync(Role.Admin);

        var assign = await admin.RunAsync("policy", "assign", service, key);
        var list = await admin.RunAsync("policy", "list");
        var show = await admin.RunAsync("policy", "show", key);
        var json = await admin.RunAsync("policy", "show", key, "--json");

        AssertExit(ExitCodes.Ok, assign);
        Assert.Equal($"{service} now escalates through {key}.", assign.Out.Trim());
        Assert.Contains(list.Out.Split('\n'), l => l.Contains(key, StringComparison.Ordinal) && l.Contains("commander → user:rita", StringComparison.Ordinal)
            && l.Contains(service, StringComparison.Ordinal));
        AssertExit(ExitCodes.Ok, show);
        var lines = show.Out.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("2 user:rita 10m", lines);
        Assert.Contains("sev1 severity SEV-1 and not mitigated within 15m user:rita", lines);
        Assert.Contains($"Services {service}", lines);
        Assert.Equal(service, Json(json).GetProperty("services")[0].GetString());
    }

    [Fact]
    public async Task AssignNone_TakesTheServiceOff_AndNeitherOrBothIsAUsageError()
    {
        var key = await PolicyAsync();
        var service = await Server.AddServiceAsync();
        using var admin = await Server.CliAsAsync(Role.Admin);
        await admin.RunAsync("policy", "assign", service, key);

        var none = await admin.RunAsync("policy", "assign", service, "--none", "--json");

        AssertExit(ExitCodes.Ok, none);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Json(none).GetProperty("policy").ValueKind);
        AssertError(ExitCodes.Usage, "Give exactly one of a policy key and --none.", await admin.RunAsync("policy", "assign", service));
        AssertError(ExitCodes.Usage, "Give exactly one of a policy key and --none.", await admin.RunAsync("policy", "assign", service, key, "--none"));
        AssertError(ExitCodes.Refused, "No escalation policy 'nope'.", await admin.RunAsync("policy", "assign", service, "nope"));
        AssertError(ExitCodes.Refused, "No escalation policy 'nope'.", await admin.RunAsync("policy", "show", "nope"));
    }
}
