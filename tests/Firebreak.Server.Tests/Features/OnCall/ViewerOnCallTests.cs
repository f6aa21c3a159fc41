using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.OnCall;

/// <summary>Viewers cannot acknowledge, so they are never put on call: each way in says who and why; once per provider.</summary>
public abstract class ViewerOnCallTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string NewKey() => $"view-{Guid.NewGuid():N}"[..16];

    private static object Schedule(string[][] participants, object[]? overrides = null) => new
    {
        name = "Primary",
        timeZone = "UTC",
        layers = new[] { new { name = "primary", participants, shift = "weekly", start = "2026-01-05T09:00" } },
        overrides = overrides ?? [],
    };

    private static void AssertNamesTheViewer(JsonElement problem)
    {
        var text = problem.ToString();
        Assert.Contains("'vera'", text, StringComparison.Ordinal);
        Assert.Contains("viewer", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("vera", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutSchedule_ViewerInALayer_Is400NamingThem()
    {
        var problem = await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{NewKey()}", Schedule([["rita"], ["vera"]]), HttpTesting.Json)
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        AssertNamesTheViewer(problem);
    }

    [Fact]
    public async Task PutSchedule_ViewerInAnOverride_Is400()
    {
        var overrides = new object[] { new { person = "vera", from = "2026-01-16T09:00:00Z", to = "2026-01-16T21:00:00Z" } };

        var problem = await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{NewKey()}", Schedule([["rita"]], overrides), HttpTesting.Json)
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        AssertNamesTheViewer(problem);
    }

    [Fact]
    public async Task AddOverride_ForAViewer_Is400NamingThem()
    {
        var key = NewKey();
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", Schedule([["rita"]]), HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        var problem = await Server.Responder.PostAsJsonAsync($"/api/v1/schedules/{key}/overrides",
            new { person = "vera", from = "2026-01-17T00:00:00Z", to = "2026-01-18T00:00:00Z" }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.BadRequest);

        AssertNamesTheViewer(problem);
        Assert.True(problem.GetProperty("errors").TryGetProperty("person", out _));
    }

    [Fact]
    public async Task ReplaceParticipants_WithAViewer_Is400()
    {
        var key = NewKey();
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", Schedule([["rita"]]), HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        var problem = await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}/layers/primary/participants",
            new { participants = new[] { new[] { "rita" }, new[] { "vera" } } }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.BadRequest);

        AssertNamesTheViewer(problem);
    }

    [Fact]
    public async Task PutPolicy_PagingAViewer_Is400NamingThem()
    {
        var problem = await Server.Admin.PutAsJsonAsync($"/api/v1/escalation-policies/{NewKey()}", new
        {
            name = "Policy",
            steps = new[] { new { targets = new[] { "user:rita" }, delay = "5m" }, new { targets = new[] { "user:vera" }, delay = "5m" } },
        }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.BadRequest);

        AssertNamesTheViewer(problem);
    }
}

public sealed class ViewerOnCallTests_Sqlite(SqliteServerFixture f) : ViewerOnCallTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ViewerOnCallTests_Postgres(PostgresServerFixture f) : ViewerOnCallTests(f), IClassFixture<PostgresServerFixture>;
