using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Features.Escalation;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>
/// "Send test event" checks the wiring, not the people: it opens an incident marked as a test that pages only whoever
/// sent it, unless they ask for the on-call to be paged for real.
/// </summary>
public abstract class TestEventTests(EngineFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<(HttpClient Sender, string SenderPath, string OnCallPath, long Integration)> SetUpAsync(string t)
    {
        var onCall = await fixture.PersonAsync($"ann{t}");
        var service = await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Payments",
            steps = new object[] { new { targets = new[] { $"user:ann{t}" }, delay = "5m" } },
        });
        var sender = Server.Client(await Server.CreateUserWithTokenAsync($"tess{t}", Role.Admin));
        var senderPath = $"/people/tess{t}";
        await Server.Admin.PostAsJsonAsync($"/api/v1/users/tess{t}/contact-methods",
            new { kind = "webhook", label = "pager", address = fixture.Receiver.Url(senderPath), secret = "a-long-enough-signing-secret" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        var integration = await Server.Admin.PostAsJsonAsync("/api/v1/integrations", new { name = $"am-{t}", kind = "alertmanager", service }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        return (sender, senderPath, onCall, integration.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task ATestEvent_IsMarkedAsATest_AndPagesOnlyItsSender()
    {
        var t = Tag();
        var (sender, senderPath, onCall, integration) = await SetUpAsync(t);

        var result = await sender.PostAsync($"/api/v1/integrations/{integration}/test", null).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.Equal("sender", result.Str("pages"));
        Assert.Single(fixture.PagesTo(senderPath));
        Assert.Empty(fixture.PagesTo(onCall));
        var number = result.GetProperty("incidentNumber").GetInt32();
        var incident = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal($"tess{t}", incident.Str("testSentBy"));
        var escalation = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/escalation").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("only", escalation.Str("notice"), StringComparison.Ordinal);
        Assert.Contains($"tess{t}", escalation.Str("notice"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATestEvent_PagesTheOnCallForReal_OnlyWhenAskedTo()
    {
        var t = Tag();
        var (sender, senderPath, onCall, integration) = await SetUpAsync(t);

        var result = await sender.PostAsJsonAsync($"/api/v1/integrations/{integration}/test", new { pageOnCall = true }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.OK);
        await fixture.Runner.RunDueAsync();

        Assert.Equal("on-call", result.Str("pages"));
        Assert.Single(fixture.PagesTo(onCall));
        Assert.Empty(fixture.PagesTo(senderPath));
        var incident = await Server.Viewer.GetAsync($"/api/v1/incidents/{result.GetProperty("incidentNumber").GetInt32()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal($"tess{t}", incident.Str("testSentBy"));
    }

    [Fact]
    public async Task TwoTestEvents_OpenTwoIncidents_NeverJoiningAnother()
    {
        var t = Tag();
        var (sender, _, _, integration) = await SetUpAsync(t);

        var first = await sender.PostAsync($"/api/v1/integrations/{integration}/test", null).ExpectAsync(HttpStatusCode.OK);
        var second = await sender.PostAsync($"/api/v1/integrations/{integration}/test", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("created", second.Str("outcome"));
        Assert.NotEqual(first.GetProperty("incidentNumber").GetInt32(), second.GetProperty("incidentNumber").GetInt32());
    }
}

public sealed class TestEventTests_Sqlite(SqliteEngineFixture f) : TestEventTests(f), IClassFixture<SqliteEngineFixture>;

public sealed class TestEventTests_Postgres(PostgresEngineFixture f) : TestEventTests(f), IClassFixture<PostgresEngineFixture>;
