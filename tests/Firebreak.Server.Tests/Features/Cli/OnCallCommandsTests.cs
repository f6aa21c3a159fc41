using System.Net;
using System.Net.Http.Json;
using Firebreak.Cli;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak oncall now|at</c> against a real server whose clock stands at Thursday 2026-01-15 02:12 UTC.</summary>
public sealed class OnCallCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private async Task<string> ScheduleAsync()
    {
        var key = $"sched-{Guid.NewGuid():N}"[..20];
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", new
        {
            name = "Payments primary",
            timeZone = "Europe/Berlin",
            layers = new[] { new { name = "primary", participants = new[] { new[] { "ann" }, new[] { "bob" } }, shift = "weekly", start = "2026-01-05T09:00" } },
            overrides = new[] { new { person = "eve", from = "2026-01-16T08:00:00Z", to = "2026-01-16T20:00:00Z" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        return key;
    }

    [Fact]
    public async Task OnCallNowAndAt_NameThePeopleAndWhy()
    {
        var key = await ScheduleAsync();
        using var viewer = await Server.CliAsAsync(Role.Viewer);

        var now = await viewer.RunAsync("oncall", "now", key);
        AssertExit(ExitCodes.Ok, now);
        Assert.Equal($"{key} at 2026-01-15 02:12 UTC: bob (primary)", now.Out.Trim());

        var at = await viewer.RunAsync("oncall", "at", key, "2026-01-16T12:00Z");
        AssertExit(ExitCodes.Ok, at);
        Assert.Contains("eve (override)", at.Out, StringComparison.Ordinal);

        var all = await viewer.RunAsync("oncall", "now");
        AssertExit(ExitCodes.Ok, all);
        Assert.Contains(all.Out.Split('\n'), line => line.Contains(key, StringComparison.Ordinal) && line.Contains("bob", StringComparison.Ordinal));

        var json = await viewer.RunAsync("oncall", "now", key, "--json");
        Assert.Equal("bob", Json(json).GetProperty("people")[0].GetString());
    }

    [Fact]
    public async Task OnCallAt_Now_IsTheClisClockNotTheMachines()
    {
        var key = await ScheduleAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 16, 12, 0, 0, TimeSpan.Zero));
        using var viewer = await Server.CliAsAsync(Role.Viewer, clock);

        var run = await viewer.RunAsync("oncall", "at", key, "now");

        AssertExit(ExitCodes.Ok, run);
        Assert.Equal($"{key} at 2026-01-16 12:00 UTC: eve (override)", run.Out.Trim());
    }

    [Fact]
    public async Task UnknownScheduleOrTimeWithoutZone_AreClearErrors()
    {
        using var viewer = await Server.CliAsAsync(Role.Viewer);

        AssertError(ExitCodes.Refused, "No schedule 'nope'.", await viewer.RunAsync("oncall", "now", "nope"));
        AssertError(ExitCodes.Usage, "is not a time with a zone", await viewer.RunAsync("oncall", "at", "nope", "2026-01-16 12:00"));
    }
}
