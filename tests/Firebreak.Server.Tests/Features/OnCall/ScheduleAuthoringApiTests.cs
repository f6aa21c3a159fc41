using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.OnCall;

/// <summary>
/// Writing schedules without YAML: create (never over an existing one), add and edit one layer, and a preview that
/// validates exactly as a save would without saving; once per provider.
/// </summary>
public abstract class ScheduleAuthoringApiTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string NewKey() => $"auth-{Guid.NewGuid():N}"[..18];

    private static object Weekly(params string[] people) =>
        new { name = "primary", participants = people.Select(p => new[] { p }).ToArray(), shift = "weekly", start = "2026-01-05T09:00" };

    // The test clock reads Thursday 2026-01-15 02:12 UTC: the second week of a weekly rotation from Monday 2026-01-05.
    [Fact]
    public async Task Create_NewKey_Is201AndAudited_ExistingKey_Is409AndLeavesItAlone()
    {
        var key = NewKey();

        var created = await Server.Admin.PostJsonAsync("/api/v1/schedules", new { key, name = "Payments", timeZone = "Europe/Berlin", layers = new[] { Weekly("adam", "rita") } })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(key, created.Str("key"));
        Assert.Equal(["rita"], created.GetProperty("onCallNow").EnumerateArray().Select(p => p.GetString()));

        var problem = await Server.Admin.PostJsonAsync("/api/v1/schedules", new { key, name = "Other", timeZone = "UTC", layers = new[] { Weekly("adam") } })
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(key, problem.Str("detail"), StringComparison.Ordinal);
        var stored = await Server.Viewer.GetAsync($"/api/v1/schedules/{key}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Payments", stored.Str("name"));
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"schedule/{key}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["schedule.create"], audit);
    }

    [Fact]
    public async Task Create_ViewerBadShiftOrDuplicateLayerNames_Is400_WithTheSameMessagesAsConfig()
    {
        var problem = await Server.Admin.PostJsonAsync("/api/v1/schedules", new
        {
            key = NewKey(),
            name = "Broken",
            timeZone = "Europe/Berlin",
            layers = new object[]
            {
                Weekly("vera"),
                new { name = "primary", participants = new[] { new[] { "rita" } }, shift = "fortnightly", start = "2026-01-05T09:00" },
            },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Contains(errors.GetProperty("layers").EnumerateArray(), e => e.GetString()!.Contains("layer 2 (primary): shift: 'fortnightly' is not a shift length", StringComparison.Ordinal));
        Assert.Contains(errors.GetProperty("layers").EnumerateArray(), e => e.GetString()!.Contains("layer 'primary' is defined more than once", StringComparison.Ordinal));
        Assert.Contains("vera", errors.GetProperty("people")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutLayer_AddsANewLayer_ThenEditingItsRestrictions_KeepsWhoIsOnCall()
    {
        var key = NewKey();
        await Server.Admin.PostJsonAsync("/api/v1/schedules", new { key, name = "Payments", timeZone = "Europe/Berlin", layers = new[] { Weekly("adam", "rita") } })
            .ExpectAsync(HttpStatusCode.Created);
        // Rotate the roster with keep_current so the layer carries a rotation offset that a careless edit would lose.
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}/layers/primary/participants",
            new { participants = new[] { new[] { "rita" }, new[] { "adam" } }, mode = "keep_current" }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        var added = await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}/layers/nights", new
        {
            participants = new[] { new[] { "adam" } },
            shift = "daily",
            start = "2026-01-05T20:00",
            restrictions = new[] { "20:00-23:00" },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["primary", "nights"], added.GetProperty("layers").EnumerateArray().Select(l => l.Str("name")));

        var edited = await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}/layers/primary", new
        {
            participants = new[] { new[] { "rita" }, new[] { "adam" } },
            shift = "weekly",
            start = "2026-01-05T09:00",
            restrictions = new[] { "Mon-Fri" },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["rita"], edited.GetProperty("onCallNow").EnumerateArray().Select(p => p.GetString()));
        var actions = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"schedule/{key}").OrderBy(a => a.Id).Select(a => a.Action + " " + a.Details).ToListAsync());
        Assert.StartsWith("schedule.layer layer nights added", actions[2], StringComparison.Ordinal);
        Assert.StartsWith("schedule.layer layer primary changed", actions[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutLayer_Invalid400_UnknownSchedule404_NonAdmin403_RemoveLastLayer400()
    {
        var key = NewKey();
        await Server.Admin.PostJsonAsync("/api/v1/schedules", new { key, name = "Payments", timeZone = "UTC", layers = new[] { Weekly("adam") } })
            .ExpectAsync(HttpStatusCode.Created);

        var bad = await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}/layers/primary", new { participants = new[] { new[] { "adam" } }, shift = "weekly", start = "soon" }, HttpTesting.Json)
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("start: 'soon' is not a local date and time", bad.GetProperty("errors").GetProperty("layers")[0].GetString(), StringComparison.Ordinal);
        await Server.Admin.PutAsJsonAsync("/api/v1/schedules/no-such-schedule/layers/primary", Weekly("adam"), HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.NotFound);
        using var refused = await Server.Responder.PutAsJsonAsync($"/api/v1/schedules/{key}/layers/primary", Weekly("adam"), HttpTesting.Json);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var last = await Server.Admin.DeleteAsync($"/api/v1/schedules/{key}/layers/primary").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at least one layer", last.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_ShowsTwoWeeksAndTheGaps_WithoutSaving_AndInvalidIs400()
    {
        var key = NewKey();
        var preview = await Server.Admin.PostJsonAsync("/api/v1/schedules/preview", new
        {
            key,
            name = "Business hours",
            timeZone = "UTC",
            layers = new[] { new { name = "day", participants = new[] { new[] { "rita" } }, shift = "daily", start = "2026-01-05T09:00", restrictions = new[] { "Mon-Fri 09:00-17:00" } } },
        }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(DateTimeOffset.Parse("2026-01-15T02:12:00Z", System.Globalization.CultureInfo.InvariantCulture), preview.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromDays(14), preview.GetProperty("to").GetDateTimeOffset() - preview.GetProperty("from").GetDateTimeOffset());
        Assert.Contains(preview.GetProperty("segments").EnumerateArray(), s => s.GetProperty("people").EnumerateArray().Any(p => p.GetString() == "rita"));
        Assert.True(preview.GetProperty("gaps").GetArrayLength() >= 10);
        Assert.Contains("nobody on call", preview.GetProperty("gapText")[0].GetString(), StringComparison.Ordinal);
        using var none = await Server.Viewer.GetAsync($"/api/v1/schedules/{key}");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        var invalid = await Server.Admin.PostJsonAsync("/api/v1/schedules/preview", new { key, name = "x", timeZone = "Nowhere/Else", layers = new[] { Weekly("adam") } })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("unknown time zone 'Nowhere/Else'", invalid.GetProperty("errors").GetProperty("layers")[0].GetString(), StringComparison.Ordinal);
    }
}

public sealed class ScheduleAuthoringApiTests_Sqlite(SqliteServerFixture f) : ScheduleAuthoringApiTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ScheduleAuthoringApiTests_Postgres(PostgresServerFixture f) : ScheduleAuthoringApiTests(f), IClassFixture<PostgresServerFixture>;
