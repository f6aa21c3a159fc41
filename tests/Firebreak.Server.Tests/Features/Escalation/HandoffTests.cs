using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Escalation;

/// <summary>Hand-off notices: whoever comes on call hears about it an hour ahead, once, with their stretch in local time.</summary>
public abstract class HandoffTests(EngineFixture fixture)
{
    [Fact]
    public async Task ThePersonComingOnCall_IsToldAnHourAhead_Once_InTheSchedulesZone()
    {
        var server = fixture.Server;
        var (ann, bob) = (await fixture.PersonAsync("ann"), await fixture.PersonAsync("bob"));
        // Weekly from Monday 5 January 09:00 Berlin: bob has the week of the 12th (the clock reads Thursday the 15th),
        // ann takes over on Monday the 19th at 09:00 Berlin, 08:00 UTC.
        await server.Admin.PutAsJsonAsync("/api/v1/schedules/primary", new
        {
            name = "Payments primary",
            timeZone = "Europe/Berlin",
            layers = new[] { new { name = "week", participants = new[] { new[] { "ann" }, new[] { "bob" } }, shift = "weekly", start = "2026-01-05T09:00" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        await fixture.Runner.RunDueAsync();
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 19, 6, 59, 0, TimeSpan.Zero));
        await fixture.Runner.RunDueAsync();
        Assert.Empty(fixture.PagesTo(ann));

        await fixture.AdvanceAsync(TimeSpan.FromMinutes(1));
        var notice = Assert.Single(fixture.PagesTo(ann)).Json;
        Assert.Equal("You are on call for Payments primary from Mon 2026-01-19 09:00 until Mon 2026-01-26 09:00 (Europe/Berlin).", notice.Str("note"));
        Assert.Equal(0, notice.GetProperty("incidents").GetArrayLength());
        Assert.False(notice.GetProperty("test").GetBoolean());

        await fixture.AdvanceAsync(TimeSpan.FromMinutes(10));
        await fixture.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Single(fixture.PagesTo(ann));
        Assert.Empty(fixture.PagesTo(bob));
    }
}

public sealed class HandoffTests_Sqlite(SqliteEngineFixture f) : HandoffTests(f), IClassFixture<SqliteEngineFixture>;

public sealed class HandoffTests_Postgres(PostgresEngineFixture f) : HandoffTests(f), IClassFixture<PostgresEngineFixture>;
