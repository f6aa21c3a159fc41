using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.OnCall;

/// <summary>Schedules over HTTP: saved as written, asked who is on call, gaps reported; once per provider.</summary>
public abstract class ScheduleApiTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    // The test clock reads 2026-01-15 02:12 UTC, a Thursday.
    private static object Body(params string[] restrictions) => new
    {
        name = "Payments primary",
        timeZone = "Europe/Berlin",
        layers = new object[]
        {
            new { name = "primary", participants = new[] { new[] { "ann" }, new[] { "bob" } }, shift = "weekly", start = "2026-01-05T09:00", restrictions },
        },
        overrides = new[] { new { person = "eve", from = "2026-01-16T08:00:00Z", to = "2026-01-16T20:00:00Z" } },
    };

    [Fact]
    public async Task PutSchedule_ThenAskWhoIsOnCall_NowAndAtAnInstant()
    {
        var key = $"pay-{Guid.NewGuid():N}"[..20];

        var saved = await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", Body(), HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["bob"], saved.GetProperty("onCallNow").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(0, saved.GetProperty("gaps").GetArrayLength());

        var now = await Server.Viewer.GetAsync($"/api/v1/schedules/{key}/on-call").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("bob", now.GetProperty("people")[0].GetString());
        Assert.Equal("primary", now.Str("layer"));
        var covered = await Server.Viewer.GetAsync($"/api/v1/schedules/{key}/on-call?at=2026-01-16T12:00:00Z").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("eve", covered.GetProperty("people")[0].GetString());
        Assert.True(covered.GetProperty("override").GetBoolean());

        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"schedule/{key}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["schedule.create"], audit);
    }

    [Fact]
    public async Task BusinessHoursOnly_ReportsTheNightsAsGaps_InTheTimeline()
    {
        var key = $"biz-{Guid.NewGuid():N}"[..20];
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", Body("Mon-Fri 09:00-17:00"), HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        var timeline = await Server.Viewer.GetAsync($"/api/v1/schedules/{key}/timeline?from=2026-01-19T00:00:00Z&to=2026-01-20T00:00:00Z")
            .ExpectAsync(HttpStatusCode.OK);

        var gaps = timeline.GetProperty("gaps").EnumerateArray().Select(g => (g.Str("from"), g.Str("to"))).ToList();
        Assert.Equal([("2026-01-19T00:00:00+00:00", "2026-01-19T08:00:00+00:00"), ("2026-01-19T16:00:00+00:00", "2026-01-20T00:00:00+00:00")], gaps);
        var onDuty = timeline.GetProperty("segments").EnumerateArray().Single(s => s.GetProperty("people").GetArrayLength() > 0);
        Assert.Equal("2026-01-19T08:00:00+00:00", onDuty.Str("from"));
    }

    [Fact]
    public async Task InvalidSchedule_Is400NamingEachMistake_AndNothingIsStored()
    {
        var key = $"bad-{Guid.NewGuid():N}"[..20];
        var body = new
        {
            name = "Broken",
            timeZone = "Mars/Olympus",
            layers = new[] { new { name = "primary", participants = new[] { new[] { "ann" } }, shift = "fortnightly", start = "2026-01-05T09:00" } },
        };

        var problem = await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", body, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").GetProperty("layers").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith("layer 1 (primary): shift: 'fortnightly'", StringComparison.Ordinal));
        await Server.Viewer.GetAsync($"/api/v1/schedules/{key}").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OnlyAdminsChangeSchedules_ViewersRead()
    {
        var key = $"ro-{Guid.NewGuid():N}"[..20];
        using var refused = await Server.Responder.PutAsJsonAsync($"/api/v1/schedules/{key}", Body(), HttpTesting.Json);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", Body(), HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        var listed = await Server.Viewer.GetAsync("/api/v1/schedules").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(listed.EnumerateArray(), s => s.Str("key") == key);
        await Server.Admin.DeleteAsync($"/api/v1/schedules/{key}").ExpectAsync(HttpStatusCode.OK);
        await Server.Viewer.GetAsync($"/api/v1/schedules/{key}/on-call").ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class ScheduleApiTests_Sqlite(SqliteServerFixture f) : ScheduleApiTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ScheduleApiTests_Postgres(PostgresServerFixture f) : ScheduleApiTests(f), IClassFixture<PostgresServerFixture>;
