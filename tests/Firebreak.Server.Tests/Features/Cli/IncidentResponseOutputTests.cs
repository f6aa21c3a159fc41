using System.Net;
using Firebreak.Cli;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak incident show</c>'s response times say what the incident page says.</summary>
public sealed class IncidentResponseOutputTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Show_ResolvedBySourceBeforeAnyoneAnswered_SaysNotAcknowledgedAndTheTargetMissed()
    {
        var key = (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"src-{Guid.NewGuid():N}", kind = "pagerduty" })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        var dedup = $"d-{Guid.NewGuid():N}";
        await Server.Anonymous.PostJsonAsync("/v2/enqueue", new { routing_key = key, event_action = "trigger", dedup_key = dedup, payload = new { summary = "disk full", source = "h", severity = "critical" } })
            .ExpectAsync(HttpStatusCode.Accepted);
        Server.Clock.Advance(TimeSpan.FromSeconds(47));
        await Server.Anonymous.PostJsonAsync("/v2/enqueue", new { routing_key = key, event_action = "resolve", dedup_key = dedup }).ExpectAsync(HttpStatusCode.Accepted);
        var number = await Server.WithDbAsync(db => db.Alerts.Where(a => a.DedupKey == dedup).Select(a => a.Incident!.Number).SingleAsync());
        using var cli = new CliHarness(Server.BaseAddress, Server.ResponderToken);

        var run = await cli.RunAsync("incident", "show", number.ToString(System.Globalization.CultureInfo.InvariantCulture));

        AssertExit(ExitCodes.Ok, run);
        var tta = Assert.Single(run.Out.Split('\n'), l => l.StartsWith("TTA", StringComparison.Ordinal));
        Assert.Contains("not acknowledged", tta, StringComparison.Ordinal);
        Assert.Contains("missed", tta, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_AcknowledgedInTime_SaysTheTargetWasMet()
    {
        using var cli = new CliHarness(Server.BaseAddress, Server.ResponderToken);
        var declared = await cli.RunAsync("incident", "declare", $"Met target {Guid.NewGuid():N}", "-s", "SEV-2", "--json");
        var number = Json(declared).GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Server.Clock.Advance(TimeSpan.FromSeconds(30));
        AssertExit(ExitCodes.Ok, await cli.RunAsync("incident", "ack", number));

        var run = await cli.RunAsync("incident", "show", number);

        var tta = Assert.Single(run.Out.Split('\n'), l => l.StartsWith("TTA", StringComparison.Ordinal));
        Assert.Contains("30s", tta, StringComparison.Ordinal);
        Assert.Contains("met", tta, StringComparison.Ordinal);
        Assert.DoesNotContain("missed", tta, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_WithAnImpactStart_SaysWhenItBeganAndTheTtd()
    {
        using var cli = new CliHarness(Server.BaseAddress, Server.ResponderToken);
        var declared = Json(await cli.RunAsync("incident", "declare", $"Impact known {Guid.NewGuid():N}", "-s", "SEV-2", "--json"));
        var number = declared.GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var began = declared.GetProperty("declaredAt").GetDateTimeOffset().AddMinutes(-25);
        var typed = began.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
        AssertExit(ExitCodes.Ok, await cli.RunAsync("incident", "impact-start", number, typed));

        var run = await cli.RunAsync("incident", "show", number);

        AssertExit(ExitCodes.Ok, run);
        var lines = run.Out.Split('\n');
        var impact = Assert.Single(lines, l => l.StartsWith("Impact began", StringComparison.Ordinal));
        Assert.Contains(began.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC", impact, StringComparison.Ordinal);
        var ttd = Assert.Single(lines, l => l.StartsWith("TTD", StringComparison.Ordinal));
        Assert.Contains("25m", ttd, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_WithoutAnImpactStart_SaysItIsNotKnownAndHowToSetIt()
    {
        using var cli = new CliHarness(Server.BaseAddress, Server.ResponderToken);
        var declared = Json(await cli.RunAsync("incident", "declare", $"Impact unknown {Guid.NewGuid():N}", "-s", "SEV-3", "--json"));
        var number = declared.GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var run = await cli.RunAsync("incident", "show", number);

        AssertExit(ExitCodes.Ok, run);
        var lines = run.Out.Split('\n');
        Assert.Contains("not known", Assert.Single(lines, l => l.StartsWith("Impact began", StringComparison.Ordinal)), StringComparison.Ordinal);
        var ttd = Assert.Single(lines, l => l.StartsWith("TTD", StringComparison.Ordinal));
        Assert.Contains($"firebreak incident impact-start {number}", ttd, StringComparison.Ordinal);
    }
}
