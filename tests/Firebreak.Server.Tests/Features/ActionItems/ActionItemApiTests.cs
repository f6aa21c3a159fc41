using System.Globalization;
using System.Net;
using System.Text.Json;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.ActionItems;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.ActionItems;

/// <summary>Action items over the API: keys, lifecycle, the incident's timeline, filters, overdue on the fake clock, CSV.</summary>
public abstract class ActionItemApiTests(ServerFixture fixture)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private async Task<int> IncidentAsync() =>
        (await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = $"Checkout slow {_id}", severity = "SEV-2" }).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("number").GetInt32();

    private async Task<string> UserAsync(string name)
    {
        var username = $"{name}{_id}";
        await Server.CreateUserWithTokenAsync(username, Role.Responder);
        return username;
    }

    private Task<JsonElement> CreateAsync(object body) => Server.Responder.PostJsonAsync("/api/v1/action-items", body).ExpectAsync(HttpStatusCode.Created);

    private string Today(int plusDays = 0) => DateOnly.FromDateTime(Server.Clock.GetUtcNow().UtcDateTime).AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Number(string key) => int.Parse(key[(key.IndexOf('-', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);

    [Fact]
    public async Task Created_FromAnIncident_TakeTheNextKeys_AndGoOnItsTimeline_AndInTheAudit()
    {
        var incident = await IncidentAsync();
        var owner = await UserAsync("ola");
        var first = await CreateAsync(new { title = "Alert on pool saturation at 80%", incident = $"{incident}", priority = "p0", owner, due = Today(7) });
        var second = await CreateAsync(new { title = "Load-test the pool settings", incident = $"#{incident}" });

        Assert.StartsWith("FB-", first.Str("key"), StringComparison.Ordinal);
        Assert.Equal(Number(first.Str("key")) + 1, Number(second.Str("key")));
        Assert.Equal("P0", first.Str("priority"));
        Assert.Equal(owner, first.Str("owner"));
        Assert.Equal(Today(7), first.Str("due"));
        Assert.Equal("open", first.Str("status"));
        Assert.Equal("incident", first.Str("source"));
        Assert.Equal(incident, first.GetProperty("incident").GetInt32());
        Assert.Equal("P1", second.Str("priority"));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("owner").ValueKind);

        var timeline = await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}/timeline").ExpectAsync(HttpStatusCode.OK);
        var lines = timeline.EnumerateArray().Where(e => e.Str("kind") == "action_item").Select(e => e.Str("text")).ToList();
        Assert.Contains(lines, l => l.Contains($"{first.Str("key")} added: Alert on pool saturation at 80%", StringComparison.Ordinal) && l.Contains($"owner {owner}", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count);

        var audited = await Server.WithDbAsync(db => db.AuditEvents.Where(e => e.Resource == $"action-item/{first.Str("key")}").Select(e => e.Action).ToListAsync());
        Assert.Equal(["action_item.create"], audited);
    }

    [Fact]
    public async Task Lifecycle_OpenInProgressDoneReopened_SetsAndClearsClosedAt_AndTellsTheIncident()
    {
        var incident = await IncidentAsync();
        var key = (await CreateAsync(new { title = "Add a runbook for PoolFull", incident = $"{incident}" })).Str("key");

        var started = await Server.Responder.PatchJsonAsync($"/api/v1/action-items/{key}", new { status = "in_progress" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, started.GetProperty("closedAt").ValueKind);
        var done = await Server.Responder.PatchJsonAsync($"/api/v1/action-items/{key.ToLowerInvariant()}", new { status = "done", link = "https://tracker.example/OPS-12" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("done", done.Str("status"));
        Assert.Equal(Server.Clock.GetUtcNow(), done.GetProperty("closedAt").GetDateTimeOffset());
        Assert.Equal("https://tracker.example/OPS-12", done.Str("link"));
        var reopened = await Server.Responder.PatchJsonAsync($"/api/v1/action-items/{key}", new { status = "open" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("closedAt").ValueKind);

        var timeline = await Server.Viewer.GetAsync($"/api/v1/incidents/{incident}/timeline").ExpectAsync(HttpStatusCode.OK);
        var lines = timeline.EnumerateArray().Where(e => e.Str("kind") == "action_item").Select(e => e.Str("text")).ToList();
        Assert.Contains($"Follow-up {key} done: Add a runbook for PoolFull", lines);
        Assert.Contains($"Follow-up {key} reopened: Add a runbook for PoolFull", lines);
        var changes = await Server.WithDbAsync(db => db.AuditEvents.Where(e => e.Resource == $"action-item/{key}" && e.Action == "action_item.update").Select(e => e.Details).ToListAsync());
        Assert.Contains(changes, d => d!.Contains("status in_progress → done", StringComparison.Ordinal) && d.Contains("link (none) → https://tracker.example/OPS-12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writes_NeedAResponder_AndReadsAViewer()
    {
        var incident = await IncidentAsync();
        await Server.Viewer.PostJsonAsync("/api/v1/action-items", new { title = "x", incident = $"{incident}" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Anonymous.PostJsonAsync("/api/v1/action-items", new { title = "x", incident = $"{incident}" }).ExpectAsync(HttpStatusCode.Unauthorized);
        var key = (await CreateAsync(new { title = "Readable", incident = $"{incident}" })).Str("key");
        await Server.Viewer.PatchJsonAsync($"/api/v1/action-items/{key}", new { status = "done" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Readable", (await Server.Viewer.GetAsync($"/api/v1/action-items/{key}").ExpectAsync(HttpStatusCode.OK)).Str("title"));
    }

    [Theory]
    [InlineData("""{"incident":"1"}""", "title")]
    [InlineData("""{"title":"  ","incident":"1"}""", "title")]
    [InlineData("""{"title":"t","incident":"1","priority":"P5"}""", "priority")]
    [InlineData("""{"title":"t","incident":"1","due":"next friday"}""", "due")]
    [InlineData("""{"title":"t","incident":"1","due":"2027-02-30"}""", "due")]
    [InlineData("""{"title":"t","incident":"1","link":"javascript:alert(1)"}""", "link")]
    [InlineData("""{"title":"t","incident":"1","owner":"nobody-such"}""", "owner")]
    [InlineData("""{"title":"t","incident":"999999"}""", "incident")]
    [InlineData("""{"title":"t"}""", "incident")]
    [InlineData("""{"title":"t","incident":"1","source":"drill"}""", "source")]
    public async Task BadInput_IsAProblemNamingTheField(string body, string field)
    {
        await IncidentAsync();
        var problem = await Server.Responder.PostRawAsync("/api/v1/action-items", body).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task UnknownKey_IsANotFoundProblem_AndABadStatusNamesTheField()
    {
        await Server.Viewer.GetAsync("/api/v1/action-items/FB-999999").ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Responder.PatchJsonAsync("/api/v1/action-items/FB-999999", new { status = "done" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        var key = (await CreateAsync(new { title = "t", incident = $"{await IncidentAsync()}" })).Str("key");
        var problem = await Server.Responder.PatchJsonAsync($"/api/v1/action-items/{key}", new { status = "finished" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
        await Server.Viewer.GetAsync("/api/v1/action-items?status=finished").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Viewer.GetAsync("/api/v1/action-items?team=no-such-team").ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Overdue_FromTheDayAfterItsDueDate_UntilItIsDone_AndTheFiltersFindIt()
    {
        var incident = await IncidentAsync();
        var owner = await UserAsync("ike");
        var other = await UserAsync("uma");
        var team = $"t{_id}";
        await Server.WithDbAsync(async db =>
        {
            db.Teams.Add(new Team { Key = team, Name = team, Members = [await db.Users.SingleAsync(u => u.Username == owner)] });
            return await db.SaveChangesAsync();
        });
        var key = (await CreateAsync(new { title = "Raise the pool size", incident = $"{incident}", owner, due = Today(1) })).Str("key");
        await CreateAsync(new { title = "Someone else's", incident = $"{incident}", owner = other, due = Today(1) });

        async Task<List<string>> KeysAsync(string query)
        {
            using var response = await Server.Viewer.GetAsync($"/api/v1/action-items?{query}");
            var list = await response.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var keys = list.EnumerateArray().Select(a => a.Str("key")).ToList();
            Assert.Equal(keys.Count.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("X-Total-Count").Single());
            return keys;
        }

        Assert.Equal([key], await KeysAsync($"owner={owner}"));
        Assert.Equal([key], await KeysAsync($"team={team}"));
        Assert.DoesNotContain(key, await KeysAsync($"owner={owner}&overdue=true"));

        Server.Clock.Advance(TimeSpan.FromDays(1));
        Assert.False((await Server.Viewer.GetAsync($"/api/v1/action-items/{key}").ExpectAsync(HttpStatusCode.OK)).GetProperty("overdue").GetBoolean(), "due today is not overdue yet");
        Server.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await Server.Viewer.GetAsync($"/api/v1/action-items/{key}").ExpectAsync(HttpStatusCode.OK)).GetProperty("overdue").GetBoolean());
        Assert.Equal([key], await KeysAsync($"owner={owner}&overdue=true"));
        Assert.Equal([key], await KeysAsync($"team={team}&status=open,in_progress&overdue=true"));

        await Server.Responder.PatchJsonAsync($"/api/v1/action-items/{key}", new { status = "wont_do" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(await KeysAsync($"owner={owner}&overdue=true"));
        Assert.Equal([key], await KeysAsync($"owner={owner}&status=wont_do"));
    }

    [Fact]
    public async Task Csv_HasEveryMatch_WithTitlesKeptAsText()
    {
        var incident = await IncidentAsync();
        var owner = await UserAsync("cy");
        await CreateAsync(new { title = "=HYPERLINK(\"http://evil.example\",\"click\")", incident = $"{incident}", owner });
        await CreateAsync(new { title = "Split \"orders\", then retry", incident = $"{incident}", owner, due = Today(3) });

        using var response = await Server.Viewer.GetAsync($"/api/v1/action-items.csv?owner={owner}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key,title,priority,owner,due,status,overdue,source,incident,link,created_at,created_by,closed_at", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"\"Split \"\"orders\"\", then retry\",P1,{owner},{Today(3)},open,no,incident,{incident},", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overdue_RemindsTheOwnerOnTheFirstOverdueDay_ThenWeekly_UntilDone()
    {
        var owner = await UserAsync("late");
        await Server.WithDbAsync(db => db.Users.Where(u => u.Username == owner).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, $"{owner}@example.test")));
        var incident = await IncidentAsync();
        var late = (await CreateAsync(new { title = "Rotate the keys", incident = $"{incident}", owner, due = Today(1) })).Str("key");
        var done = (await CreateAsync(new { title = "Add the runbook", incident = $"{incident}", owner, due = Today(1) })).Str("key");
        await Server.Responder.PatchJsonAsync($"/api/v1/action-items/{done}", new { status = "done" }).ExpectAsync(HttpStatusCode.OK);
        var due = DateOnly.FromDateTime(Server.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        var midnight = new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        Assert.Empty(await RemindersAfterAsync(midnight.AddHours(23), owner));
        var first = ActionItemReminderHandler.Cause(late, due, 0);
        Assert.Equal([first], await RemindersAfterAsync(midnight.AddDays(1).AddMinutes(1), owner));
        Assert.Equal([first], await RemindersAfterAsync(midnight.AddDays(2), owner));
        var second = ActionItemReminderHandler.Cause(late, due, 1);
        Assert.Equal([first, second], await RemindersAfterAsync(midnight.AddDays(8).AddMinutes(1), owner));
        await Server.Responder.PatchJsonAsync($"/api/v1/action-items/{late}", new { status = "wont_do" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([first, second], await RemindersAfterAsync(midnight.AddDays(16), owner));
    }

    /// <summary>Moves the clock to <paramref name="at"/>, waits for the reminder look to run, and returns the causes reminded to <paramref name="owner"/>.</summary>
    private async Task<List<string>> RemindersAfterAsync(DateTimeOffset at, string owner)
    {
        await Server.WorkAtRestAsync();
        Server.Clock.Advance(at - Server.Clock.GetUtcNow());
        await Eventually.WaitForAsync(() => Server.WithDbAsync(db => db.WorkItems.Where(w => w.Kind == ActionItemReminderHandler.KindName).Select(w => w.DueAt).SingleAsync()),
            d => d > at, TimeSpan.FromSeconds(15), "the overdue reminder look");
        var causes = await Server.WithDbAsync(db => db.NotificationDeliveries.Where(d => d.Username == owner && d.Attempt == 0).Select(d => d.Cause).ToListAsync());
        return [.. causes.Order(StringComparer.Ordinal)];
    }
}

public sealed class ActionItemApiTests_Sqlite(SqliteServerFixture f) : ActionItemApiTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ActionItemApiTests_Postgres(PostgresServerFixture f) : ActionItemApiTests(f), IClassFixture<PostgresServerFixture>;
