using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Tests.Support;
using Ical.Net;

namespace Firebreak.Server.Tests.Features.OnCall;

/// <summary>iCalendar feeds at secret URLs: parsed back with Ical.Net, right across a DST change, 404 for a wrong token; once per provider.</summary>
public abstract class ScheduleFeedTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    // The clock reads 2026-01-15 02:12 UTC; a 60-day feed reaches 2026-03-16, past New York's spring-forward on March 8.
    private async Task<string> ScheduleAsync(string timeZone = "America/New_York", params string[][] participants)
    {
        var key = $"feed-{Guid.NewGuid():N}"[..20];
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", new
        {
            name = $"Feed {key}",
            timeZone,
            layers = new[] { new { name = "primary", participants = participants.Length > 0 ? participants : [["ann"], ["bob"]], shift = "daily", start = "2026-01-05T09:00" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        return key;
    }

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    private async Task<Calendar> FeedAsync(string url)
    {
        using var response = await Server.Anonymous.GetAsync(PathOf(url));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task ScheduleFeed_HandsOffAtNineLocal_AcrossTheDstChange()
    {
        var key = await ScheduleAsync();
        var feed = await Server.Responder.GetAsync($"/api/v1/schedules/{key}/calendar").ExpectAsync(HttpStatusCode.OK);
        var url = feed.Str("url");
        Assert.StartsWith($"{Server.BaseAddress.ToString().TrimEnd('/')}/calendars/schedules/{key}/", url, StringComparison.Ordinal);

        var calendar = await FeedAsync(url);

        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        var before = events.Single(e => e.DtStart!.AsUtc == new DateTime(2026, 3, 7, 14, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2026, 3, 8, 13, 0, 0, DateTimeKind.Utc), before.DtEnd!.AsUtc);
        Assert.Equal("bob", before.Summary);
        var after = events.Single(e => e.DtStart!.AsUtc == new DateTime(2026, 3, 8, 13, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateTime(2026, 3, 9, 13, 0, 0, DateTimeKind.Utc), after.DtEnd!.AsUtc);
        Assert.Equal("ann", after.Summary);
        Assert.Equal(new DateTime(2026, 3, 16, 2, 12, 0, DateTimeKind.Utc), events[^1].DtEnd!.AsUtc);
        Assert.Equal(events.Count, events.Select(e => e.Uid).Distinct().Count());
    }

    [Fact]
    public async Task ScheduleFeed_WrongTokenOrAnotherSchedulesToken_Is404()
    {
        var key = await ScheduleAsync();
        var other = await ScheduleAsync();
        var url = (await Server.Admin.GetAsync($"/api/v1/schedules/{key}/calendar").ExpectAsync(HttpStatusCode.OK)).Str("url");
        var token = url[(url.LastIndexOf('/') + 1)..^".ics".Length];

        await Server.Anonymous.GetAsync($"/calendars/schedules/{key}/{token[..^2]}xx.ics").ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Anonymous.GetAsync($"/calendars/schedules/{other}/{token}.ics").ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Anonymous.GetAsync($"/calendars/users/ann/{token}.ics").ExpectProblemAsync(HttpStatusCode.NotFound);
        using var viewer = await Server.Viewer.GetAsync($"/api/v1/schedules/{key}/calendar");
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        await Server.Responder.GetAsync("/api/v1/schedules/no-such/calendar").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UserFeed_HasTheirShiftsOnEverySchedule_AndOnlyTheirs()
    {
        var mine = await ScheduleAsync("Europe/Berlin", ["rita"], ["ann"]);
        var covered = await ScheduleAsync();
        await Server.Responder.PostAsJsonAsync($"/api/v1/schedules/{covered}/overrides",
            new { person = "rita", from = "2026-01-20T12:00:00Z", to = "2026-01-20T18:00:00Z" }, HttpTesting.Json).ExpectAsync(HttpStatusCode.Created);
        var url = (await Server.Responder.GetAsync("/api/v1/me/calendar").ExpectAsync(HttpStatusCode.OK)).Str("url");
        Assert.Contains("/calendars/users/rita/", url, StringComparison.Ordinal);

        var events = (await FeedAsync(url)).Events.ToList();

        Assert.Contains(events, e => e.Summary == $"On call: Feed {covered}"
            && e.DtStart!.AsUtc == new DateTime(2026, 1, 20, 12, 0, 0, DateTimeKind.Utc) && e.DtEnd!.AsUtc == new DateTime(2026, 1, 20, 18, 0, 0, DateTimeKind.Utc));
        Assert.Contains(events, e => e.Summary == $"On call: Feed {mine}" && e.DtStart!.AsUtc == new DateTime(2026, 1, 15, 8, 0, 0, DateTimeKind.Utc));
        Assert.DoesNotContain(events, e => e.Summary == $"On call: Feed {mine}" && e.DtStart!.AsUtc == new DateTime(2026, 1, 16, 8, 0, 0, DateTimeKind.Utc));
        var token = url[(url.LastIndexOf('/') + 1)..^".ics".Length];
        await Server.Anonymous.GetAsync($"/calendars/users/vera/{token}.ics").ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class ScheduleFeedTests_Sqlite(SqliteServerFixture f) : ScheduleFeedTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ScheduleFeedTests_Postgres(PostgresServerFixture f) : ScheduleFeedTests(f), IClassFixture<PostgresServerFixture>;
