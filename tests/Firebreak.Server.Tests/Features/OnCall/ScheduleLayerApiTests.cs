using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.OnCall;

/// <summary>Replacing a layer's participants over HTTP: whoever is on stays on unless asked to reshuffle; once per provider.</summary>
public abstract class ScheduleLayerApiTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    // The test clock reads Thursday 2026-01-15 02:12 UTC: the second week of a weekly rotation from Monday 2026-01-05,
    // so bob (slot 2) is on until Monday 2026-01-19 09:00 Berlin.
    private async Task<string> ScheduleAsync()
    {
        var key = $"rota-{Guid.NewGuid():N}"[..20];
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", new
        {
            name = "Payments primary",
            timeZone = "Europe/Berlin",
            layers = new[] { new { name = "primary", participants = new[] { new[] { "ann" }, new[] { "bob" } }, shift = "weekly", start = "2026-01-05T09:00" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        return key;
    }

    private Task<JsonElement> PutParticipantsAsync(string key, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}/layers/primary/participants", body, HttpTesting.Json).ExpectAsync(status);

    private async Task<string> OnCallAsync(string key, string? at = null)
    {
        var duty = await Server.Viewer.GetAsync($"/api/v1/schedules/{key}/on-call{(at is null ? "" : $"?at={at}")}").ExpectAsync(HttpStatusCode.OK);
        return string.Join("+", duty.GetProperty("people").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task ReplaceParticipants_KeepCurrent_LeavesThePersonOnCallNow_ThenRotatesInTheNewOrder()
    {
        var key = await ScheduleAsync();

        var updated = await PutParticipantsAsync(key, new { participants = new[] { new[] { "ann" }, new[] { "carol", "dev" }, new[] { "bob" } } });

        Assert.Equal(["bob"], updated.GetProperty("onCallNow").EnumerateArray().Select(p => p.GetString()));
        var layer = updated.GetProperty("layers")[0];
        Assert.Equal(3, layer.GetProperty("participants").GetArrayLength());
        Assert.Equal("bob", await OnCallAsync(key));
        Assert.Equal("ann", await OnCallAsync(key, "2026-01-20T12:00:00Z"));
        Assert.Equal("carol+dev", await OnCallAsync(key, "2026-01-27T12:00:00Z"));
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"schedule/{key}" && a.Action == "schedule.participants")
            .Select(a => a.Details).SingleAsync());
        Assert.Equal("layer primary: ann, bob → ann, carol+dev, bob (keep_current; keeps bob on call)", audit);
    }

    [Fact]
    public async Task ReplaceParticipants_RemovingThePersonOnCall_HandsOverToWhoFollowedThem()
    {
        var key = await ScheduleAsync();

        await PutParticipantsAsync(key, new { participants = new[] { new[] { "ann" }, new[] { "carol" } } });

        Assert.Equal("ann", await OnCallAsync(key));
        Assert.Equal("carol", await OnCallAsync(key, "2026-01-20T12:00:00Z"));
    }

    [Fact]
    public async Task ReplaceParticipants_Reshuffle_AppliesTheNewOrderFromTheStart_AndMayChangeWhoIsOn()
    {
        var key = await ScheduleAsync();

        var updated = await PutParticipantsAsync(key, new { participants = new[] { new[] { "ann" }, new[] { "carol" }, new[] { "bob" } }, mode = "reshuffle" });

        Assert.Equal(["carol"], updated.GetProperty("onCallNow").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("carol", await OnCallAsync(key));
    }

    [Fact]
    public async Task ReplaceParticipants_UnknownScheduleOrLayer_Is404_BadBody400_NonAdmin403()
    {
        var key = await ScheduleAsync();
        var body = new { participants = new[] { new[] { "ann" } } };

        var noSchedule = await Server.Admin.PutAsJsonAsync("/api/v1/schedules/nope/layers/primary/participants", body, HttpTesting.Json)
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        var noLayer = await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}/layers/nights/participants", body, HttpTesting.Json)
            .ExpectProblemAsync(HttpStatusCode.NotFound);
        var badMode = await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}/layers/primary/participants",
            new { participants = new[] { new[] { "ann" } }, mode = "shuffle" }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var blank = await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}/layers/primary/participants",
            new { participants = new[] { new[] { "ann" }, Array.Empty<string>() } }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.BadRequest);
        using var refused = await Server.Responder.PutAsJsonAsync($"/api/v1/schedules/{key}/layers/primary/participants", body, HttpTesting.Json);

        Assert.Contains("No schedule 'nope'", noSchedule.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("no layer 'nights'; its layers are: primary", noLayer.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("'shuffle' is not keep_current or reshuffle", badMode.GetProperty("errors").GetProperty("mode")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Slot 2 is empty", blank.GetProperty("errors").GetProperty("participants")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("bob", await OnCallAsync(key));
    }
}

public sealed class ScheduleLayerApiTests_Sqlite(SqliteServerFixture f) : ScheduleLayerApiTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ScheduleLayerApiTests_Postgres(PostgresServerFixture f) : ScheduleLayerApiTests(f), IClassFixture<PostgresServerFixture>;
