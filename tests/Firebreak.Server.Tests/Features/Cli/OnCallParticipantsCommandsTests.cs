using System.Net;
using System.Net.Http.Json;
using Firebreak.Cli;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak oncall participants</c> against a real server whose clock stands at Thursday 2026-01-15 02:12 UTC.</summary>
public sealed class OnCallParticipantsCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    // Weekly from Monday 2026-01-05: bob is on in the week of the clock.
    private async Task<string> ScheduleAsync()
    {
        var key = $"cli-{Guid.NewGuid():N}"[..20];
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", new
        {
            name = "Payments primary",
            timeZone = "Europe/Berlin",
            layers = new[] { new { name = "primary", participants = new[] { new[] { "ann" }, new[] { "bob" } }, shift = "weekly", start = "2026-01-05T09:00" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        return key;
    }

    [Fact]
    public async Task Participants_KeepsWhoIsOn_OrReshufflesWhenAsked()
    {
        var key = await ScheduleAsync();
        using var admin = await Server.CliAsAsync(Role.Admin);

        var kept = await admin.RunAsync("oncall", "participants", key, "primary", "ann", "carol+dev", "bob");
        AssertExit(ExitCodes.Ok, kept);
        Assert.Equal($"{key} layer primary: ann, carol+dev, bob\nOn call now: bob", kept.Out.Trim().ReplaceLineEndings("\n"));

        var other = await ScheduleAsync();
        var reshuffled = await admin.RunAsync("oncall", "participants", other, "primary", "ann", "carol+dev", "bob", "--reshuffle");
        AssertExit(ExitCodes.Ok, reshuffled);
        Assert.Contains("On call now: carol, dev", reshuffled.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Participants_BadSlotUnknownLayerOrNotAdmin_AreClearErrors()
    {
        var key = await ScheduleAsync();
        using var admin = await Server.CliAsAsync(Role.Admin);
        using var responder = await Server.CliAsAsync(Role.Responder);

        AssertError(ExitCodes.Usage, "'bob+' is not a slot", await admin.RunAsync("oncall", "participants", key, "primary", "ann", "bob+"));
        AssertError(ExitCodes.Refused, "no layer 'nights'", await admin.RunAsync("oncall", "participants", key, "nights", "ann"));
        Assert.NotEqual(ExitCodes.Ok, (await responder.RunAsync("oncall", "participants", key, "primary", "ann")).ExitCode);
    }
}
