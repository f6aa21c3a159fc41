using System.Globalization;
using System.Net;
using System.Text.Json;
using Firebreak.Cli;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak incident impact-start &lt;ref&gt; &lt;time|--clear&gt; [--reason]</c> (issue 11 #6, CLI part).</summary>
public sealed class ImpactStartCommandTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private CliHarness Responder() => new(Server.BaseAddress, Server.ResponderToken);

    private static async Task<string> DeclareAsync(CliHarness cli)
    {
        var declared = await cli.RunAsync("incident", "declare", $"Impact {Guid.NewGuid():N}", "-s", "SEV-3", "--json");
        AssertExit(ExitCodes.Ok, declared);
        return Json(declared).GetProperty("number").GetInt32().ToString(CultureInfo.InvariantCulture);
    }

    private async Task<JsonElement> IncidentAsync(string number) =>
        await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task ImpactStart_TimeThenClear_SetsItWithTheReasonOnTheTimeline_ThenMakesItUnknown()
    {
        using var cli = Responder();
        var number = await DeclareAsync(cli);
        var began = Server.Clock.GetUtcNow().AddMinutes(-25);
        var began2 = new DateTimeOffset(began.Year, began.Month, began.Day, began.Hour, began.Minute, 0, TimeSpan.Zero);
        var typed = began2.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

        var set = await cli.RunAsync("incident", "impact-start", number, typed, "--reason", "errors began on the dashboard");

        AssertExit(ExitCodes.Ok, set);
        Assert.Contains($"#{number} impact start: {began2.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}", set.Out, StringComparison.Ordinal);
        var incident = await IncidentAsync(number);
        Assert.Equal(began2, incident.GetProperty("impactStartedAt").GetDateTimeOffset());
        Assert.Contains(incident.GetProperty("timeline").EnumerateArray(), t => t.Str("text").Contains("errors began on the dashboard", StringComparison.Ordinal));

        var cleared = await cli.RunAsync("incident", "impact-start", number, "--clear");

        AssertExit(ExitCodes.Ok, cleared);
        Assert.Contains($"#{number} impact start: not known", cleared.Out, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await IncidentAsync(number)).GetProperty("impactStartedAt").ValueKind);
    }

    [Theory]
    [InlineData]
    [InlineData("2026-01-20T02:00Z", "--clear")]
    [InlineData("yesterday")]
    [InlineData("2026-01-20T02:00")]
    public async Task ImpactStart_NeitherOrBothOrNoZone_ExitsTwoAndChangesNothing(params string[] rest)
    {
        using var cli = Responder();
        var number = await DeclareAsync(cli);

        var run = await cli.RunAsync(["incident", "impact-start", number, .. rest]);

        AssertExit(ExitCodes.Usage, run);
        Assert.Empty(run.Out);
        Assert.Equal(JsonValueKind.Null, (await IncidentAsync(number)).GetProperty("impactStartedAt").ValueKind);
    }

    [Fact]
    public async Task ImpactStart_InTheFuture_ExitsOneWithTheServersReason()
    {
        using var cli = Responder();
        var number = await DeclareAsync(cli);
        var later = Server.Clock.GetUtcNow().AddHours(2).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        var run = await cli.RunAsync("incident", "impact-start", number, later);

        AssertError(ExitCodes.Refused, "cannot start in the future", run);
    }
}
