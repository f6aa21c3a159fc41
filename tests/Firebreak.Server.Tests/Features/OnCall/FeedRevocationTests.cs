using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.OnCall;

/// <summary>A calendar feed URL works only while the person who obtained it may still have it; once per provider.</summary>
public abstract class FeedRevocationTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private async Task<string> ScheduleAsync()
    {
        var key = $"rev-{Guid.NewGuid():N}"[..16];
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", new
        {
            name = $"Feed {key}",
            timeZone = "UTC",
            layers = new[] { new { name = "primary", participants = new[] { new[] { "rita" } }, shift = "daily", start = "2026-01-05T09:00" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        return key;
    }

    private async Task<HttpStatusCode> FetchAsync(string url)
    {
        using var response = await Server.Anonymous.GetAsync(new Uri(url).PathAndQuery);
        return response.StatusCode;
    }

    private async Task<(string Name, HttpClient Client)> ResponderAsync()
    {
        var name = $"feed{Guid.NewGuid():N}"[..16];
        return (name, Server.Client(await Server.CreateUserWithTokenAsync(name, Role.Responder)));
    }

    [Fact]
    public async Task ScheduleAndOwnFeeds_StopWhenTheUserWhoGotThemIsDisabled()
    {
        var key = await ScheduleAsync();
        var (name, client) = await ResponderAsync();
        using var owned = client;
        var scheduleUrl = (await client.GetAsync($"/api/v1/schedules/{key}/calendar").ExpectAsync(HttpStatusCode.OK)).Str("url");
        var ownUrl = (await client.GetAsync("/api/v1/me/calendar").ExpectAsync(HttpStatusCode.OK)).Str("url");
        var colleagueUrl = (await Server.Responder.GetAsync($"/api/v1/schedules/{key}/calendar").ExpectAsync(HttpStatusCode.OK)).Str("url");
        Assert.Equal(HttpStatusCode.OK, await FetchAsync(scheduleUrl));
        Assert.Equal(HttpStatusCode.OK, await FetchAsync(ownUrl));

        await Server.WithDbAsync(db => db.Users.Where(u => u.Username == name).ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, true)));

        Assert.Equal(HttpStatusCode.NotFound, await FetchAsync(scheduleUrl));
        Assert.Equal(HttpStatusCode.NotFound, await FetchAsync(ownUrl));
        Assert.Equal(HttpStatusCode.OK, await FetchAsync(colleagueUrl));
    }

    [Fact]
    public async Task ScheduleFeed_StopsWhenTheUserWhoGotItBecomesAViewer()
    {
        var key = await ScheduleAsync();
        var (name, client) = await ResponderAsync();
        using var owned = client;
        var scheduleUrl = (await client.GetAsync($"/api/v1/schedules/{key}/calendar").ExpectAsync(HttpStatusCode.OK)).Str("url");
        var ownUrl = (await client.GetAsync("/api/v1/me/calendar").ExpectAsync(HttpStatusCode.OK)).Str("url");

        await Server.WithDbAsync(db => db.Users.Where(u => u.Username == name).ExecuteUpdateAsync(u => u.SetProperty(x => x.Role, Role.Viewer)));

        Assert.Equal(HttpStatusCode.NotFound, await FetchAsync(scheduleUrl));
        Assert.Equal(HttpStatusCode.OK, await FetchAsync(ownUrl));
    }
}

public sealed class FeedRevocationTests_Sqlite(SqliteServerFixture f) : FeedRevocationTests(f), IClassFixture<SqliteServerFixture>;

public sealed class FeedRevocationTests_Postgres(PostgresServerFixture f) : FeedRevocationTests(f), IClassFixture<PostgresServerFixture>;
