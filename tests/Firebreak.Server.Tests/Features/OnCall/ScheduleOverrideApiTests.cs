using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.OnCall;

/// <summary>Overrides one at a time over HTTP: responders cover shifts, ids survive PUT, mistakes named; once per provider.</summary>
public abstract class ScheduleOverrideApiTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    // The test clock reads 2026-01-15 02:12 UTC; bob is on the weekly rotation until Monday 19th 09:00 Berlin.
    private async Task<string> ScheduleAsync()
    {
        var key = $"ovr-{Guid.NewGuid():N}"[..20];
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", new
        {
            name = "Payments primary",
            timeZone = "Europe/Berlin",
            layers = new[] { new { name = "primary", participants = new[] { new[] { "ann" }, new[] { "bob" } }, shift = "weekly", start = "2026-01-05T09:00" } },
            overrides = new[] { new { person = "eve", from = "2026-01-16T08:00:00Z", to = "2026-01-16T20:00:00Z" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        return key;
    }

    private async Task<List<string>> PeopleAtAsync(string key, string at)
    {
        var duty = await Server.Viewer.GetAsync($"/api/v1/schedules/{key}/on-call?at={at}").ExpectAsync(HttpStatusCode.OK);
        return [.. duty.GetProperty("people").EnumerateArray().Select(p => p.GetString()!)];
    }

    [Fact]
    public async Task AddOverride_Responder_CoversTheShiftUntilRemoved_Audited()
    {
        var key = await ScheduleAsync();

        using var response = await Server.Responder.PostAsJsonAsync($"/api/v1/schedules/{key}/overrides",
            new { person = "rita", from = "2026-01-17T10:00:00+01:00", to = "2026-01-17T18:00:00+01:00" }, HttpTesting.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = await response.ReadJsonAsync();
        var id = added.Str("id");
        Assert.Equal($"/api/v1/schedules/{key}/overrides/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("replace", added.Str("mode"));
        Assert.Equal(["rita"], await PeopleAtAsync(key, "2026-01-17T12:00:00Z"));
        Assert.Equal(["bob"], await PeopleAtAsync(key, "2026-01-17T18:00:00Z"));

        var listed = await Server.Viewer.GetAsync($"/api/v1/schedules/{key}/overrides").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["eve", "rita"], listed.EnumerateArray().Select(o => o.Str("person")));

        await Server.Responder.DeleteAsync($"/api/v1/schedules/{key}/overrides/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["bob"], await PeopleAtAsync(key, "2026-01-17T12:00:00Z"));
        await Server.Responder.DeleteAsync($"/api/v1/schedules/{key}/overrides/{id}").ExpectProblemAsync(HttpStatusCode.NotFound);

        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"schedule/{key}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["schedule.create", "schedule.override.add", "schedule.override.remove"], audit);
    }

    [Fact]
    public async Task AddMode_PutsThePersonOnAsWell()
    {
        var key = await ScheduleAsync();

        await Server.Admin.PostAsJsonAsync($"/api/v1/schedules/{key}/overrides",
            new { person = "adam", from = "2026-01-17T00:00:00Z", to = "2026-01-18T00:00:00Z", mode = "add" }, HttpTesting.Json).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(["adam", "bob"], await PeopleAtAsync(key, "2026-01-17T12:00:00Z"));
    }

    [Fact]
    public async Task OverridesFromPut_HaveStableIds_ThatDeleteTakes()
    {
        var key = await ScheduleAsync();
        var first = await Server.Viewer.GetAsync($"/api/v1/schedules/{key}/overrides").ExpectAsync(HttpStatusCode.OK);
        var id = first[0].Str("id");

        await ScheduleAsyncAgain(key);
        var again = await Server.Viewer.GetAsync($"/api/v1/schedules/{key}/overrides").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, again[0].Str("id"));
        await Server.Viewer.GetAsync($"/api/v1/schedules/{key}/overrides/{id}").ExpectAsync(HttpStatusCode.OK);

        await Server.Responder.DeleteAsync($"/api/v1/schedules/{key}/overrides/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["bob"], await PeopleAtAsync(key, "2026-01-16T12:00:00Z"));
    }

    [Fact]
    public async Task InvalidOverride_Is400NamingEachField_AndNothingChanges()
    {
        var key = await ScheduleAsync();
        var url = $"/api/v1/schedules/{key}/overrides";

        var unknown = await Server.Responder.PostAsJsonAsync(url, new { person = "nobody-here", from = "2026-01-17T00:00:00Z", to = "2026-01-16T00:00:00Z", mode = "swap" }, HttpTesting.Json)
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = unknown.GetProperty("errors");
        Assert.Contains("No active user 'nobody-here'", errors.GetProperty("person")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("after 'from'", errors.GetProperty("to")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'swap' is not a mode", errors.GetProperty("mode")[0].GetString(), StringComparison.Ordinal);

        var tooLong = await Server.Responder.PostAsJsonAsync(url, new { person = "rita", from = "2026-01-17T00:00:00Z", to = "2026-05-17T00:00:00Z" }, HttpTesting.Json)
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at most 90 days", tooLong.GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);

        var past = await Server.Responder.PostAsJsonAsync(url, new { person = "rita", from = "2026-01-10T00:00:00Z", to = "2026-01-11T00:00:00Z" }, HttpTesting.Json)
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("in the past", past.GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);

        var noOffset = await Server.Responder.PostAsJsonAsync(url, new { person = "rita", from = "2026-01-17T00:00:00", to = "2026-01-18T00:00:00Z" }, HttpTesting.Json)
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(noOffset.GetProperty("errors").TryGetProperty("from", out _));

        var listed = await Server.Viewer.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, listed.GetArrayLength());
    }

    [Fact]
    public async Task Viewers_CannotChangeOverrides_UnknownScheduleIs404()
    {
        var key = await ScheduleAsync();
        using var refused = await Server.Viewer.PostAsJsonAsync($"/api/v1/schedules/{key}/overrides",
            new { person = "vera", from = "2026-01-17T00:00:00Z", to = "2026-01-18T00:00:00Z" }, HttpTesting.Json);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        await Server.Responder.PostAsJsonAsync("/api/v1/schedules/no-such-schedule/overrides",
            new { person = "rita", from = "2026-01-17T00:00:00Z", to = "2026-01-18T00:00:00Z" }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    private Task<System.Text.Json.JsonElement> ScheduleAsyncAgain(string key) => Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", new
    {
        name = "Payments primary (renamed)",
        timeZone = "Europe/Berlin",
        layers = new[] { new { name = "primary", participants = new[] { new[] { "ann" }, new[] { "bob" } }, shift = "weekly", start = "2026-01-05T09:00" } },
        overrides = new[] { new { person = "eve", from = "2026-01-16T09:00:00+01:00", to = "2026-01-16T21:00:00+01:00" } },
    }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
}

public sealed class ScheduleOverrideApiTests_Sqlite(SqliteServerFixture f) : ScheduleOverrideApiTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ScheduleOverrideApiTests_Postgres(PostgresServerFixture f) : ScheduleOverrideApiTests(f), IClassFixture<PostgresServerFixture>;
