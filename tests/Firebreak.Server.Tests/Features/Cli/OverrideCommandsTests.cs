using System.Net;
using System.Net.Http.Json;
using Firebreak.Cli;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;
using static Firebreak.Server.Tests.Features.Cli.CliTesting;

namespace Firebreak.Server.Tests.Features.Cli;

/// <summary><c>firebreak oncall override add|list|remove</c> against a real server whose clock stands at 2026-01-15 02:12 UTC.</summary>
public sealed class OverrideCommandsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private RunningServer Server => fixture.Server;

    private async Task<string> ScheduleAsync()
    {
        var key = $"cover-{Guid.NewGuid():N}"[..20];
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", new
        {
            name = "Payments primary",
            timeZone = "Europe/Berlin",
            layers = new[] { new { name = "primary", participants = new[] { new[] { "ann" }, new[] { "bob" } }, shift = "weekly", start = "2026-01-05T09:00" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        return key;
    }

    [Fact]
    public async Task OverrideAddListRemove_Responder_CoversAndUncovers()
    {
        var key = await ScheduleAsync();
        using var responder = await Server.CliAsAsync(Role.Responder);

        var add = await responder.RunAsync("oncall", "override", "add", key, "rita", "--from", "2026-01-17T10:00+01:00", "--to", "2026-01-17T18:00+01:00");
        AssertExit(ExitCodes.Ok, add);
        Assert.Contains($"on {key}: rita (instead of the rotation) 2026-01-17 09:00 → 2026-01-17 17:00 UTC", add.Out, StringComparison.Ordinal);

        var json = await responder.RunAsync("oncall", "override", "list", key, "--json");
        var id = Json(json)[0].GetProperty("id").GetString()!;
        var list = await responder.RunAsync("oncall", "override", "list", key);
        Assert.Contains(id, list.Out, StringComparison.Ordinal);
        Assert.Contains("rita", (await responder.RunAsync("oncall", "at", key, "2026-01-17T12:00Z")).Out, StringComparison.Ordinal);

        var remove = await responder.RunAsync("oncall", "override", "remove", key, id);
        AssertExit(ExitCodes.Ok, remove);
        Assert.StartsWith($"Removed override {id}", remove.Out, StringComparison.Ordinal);
        Assert.Contains("No overrides", (await responder.RunAsync("oncall", "override", "list", key)).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverrideAdd_AddModeAndMistakes_AreClear()
    {
        var key = await ScheduleAsync();
        using var responder = await Server.CliAsAsync(Role.Responder);
        using var viewer = await Server.CliAsAsync(Role.Viewer);

        var both = await responder.RunAsync("oncall", "override", "add", key, "rita", "--from", "2026-01-17T00:00Z", "--to", "2026-01-18T00:00Z", "--add");
        AssertExit(ExitCodes.Ok, both);
        Assert.Contains("as well as the rotation", both.Out, StringComparison.Ordinal);

        AssertError(ExitCodes.Usage, "is not a time with a zone",
            await responder.RunAsync("oncall", "override", "add", key, "rita", "--from", "2026-01-17 00:00", "--to", "2026-01-18T00:00Z"));
        AssertError(ExitCodes.Refused, "No active user 'ghost'",
            await responder.RunAsync("oncall", "override", "add", key, "ghost", "--from", "2026-01-17T00:00Z", "--to", "2026-01-18T00:00Z"));
        var denied = await viewer.RunAsync("oncall", "override", "add", key, "rita", "--from", "2026-01-17T00:00Z", "--to", "2026-01-18T00:00Z");
        Assert.NotEqual(ExitCodes.Ok, denied.ExitCode);
        AssertError(ExitCodes.Refused, "no override 'nope'", await responder.RunAsync("oncall", "override", "remove", key, "nope"));
    }
}
