using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Escalation;

/// <summary>
/// An alert firing again while its incident is in monitoring means the mitigation did not hold: the incident goes back
/// to investigating, the timeline says why, and its escalation pages from step 1 again until someone acknowledges anew.
/// </summary>
public abstract class RefireDuringMonitoringTests(EngineFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task ARefireDuringMonitoring_ReopensInvestigation_AndPagesFromStepOneUntilAcknowledgedAgain()
    {
        var t = Tag();
        var (ann, bob) = (await fixture.PersonAsync($"ann{t}"), await fixture.PersonAsync($"bob{t}"));
        var service = await fixture.ServiceWithPolicyAsync(t, new
        {
            name = "Payments",
            steps = new object[] { new { targets = new[] { $"user:ann{t}" }, delay = "5m" }, new { targets = new[] { $"user:bob{t}" }, delay = "5m" } },
        }, autoResolveTo: "monitoring");
        var integration = await Server.Admin.PostAsJsonAsync("/api/v1/integrations", new { name = $"am-{t}", kind = "alertmanager", service }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        var path = $"/integrations/alertmanager/{integration.Str("key")}";
        object Alerts(string status) => new
        {
            version = "4",
            alerts = new[] { new { status, labels = new { alertname = "CheckoutErrors", severity = "critical" }, fingerprint = $"{t}-fp" } },
        };

        await Server.Anonymous.PostAsJsonAsync(path, Alerts("firing"), HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await fixture.Runner.RunDueAsync();
        var number = (await Server.Viewer.GetAsync($"/api/v1/incidents?service={service}").ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray().Single().GetProperty("number").GetInt32();
        Assert.Single(fixture.PagesTo(ann));
        await Server.Responder.PostAsync($"/api/v1/incidents/{number}/acknowledge", null).ExpectAsync(HttpStatusCode.OK);
        // The fix is out; the alert recovers and the service's setting puts the incident in monitoring.
        await Server.Anonymous.PostAsJsonAsync(path, Alerts("resolved"), HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("monitoring", (await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK)).Str("status"));
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(20));
        Assert.Single(fixture.PagesTo(ann));
        Assert.Empty(fixture.PagesTo(bob));

        await Server.Anonymous.PostAsJsonAsync(path, Alerts("firing"), HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await fixture.Runner.RunDueAsync();

        var incident = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("investigating", incident.Str("status"));
        Assert.True(incident.GetProperty("awaitingAcknowledgement").GetBoolean());
        var lines = (await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/timeline").ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray().Select(e => e.Str("text")).ToList();
        Assert.Contains(lines, l => l.Contains("fired again while monitoring", StringComparison.Ordinal) && l.Contains("monitoring → investigating", StringComparison.Ordinal));
        Assert.Equal(2, fixture.PagesTo(ann).Count);
        var escalation = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/escalation").ExpectAsync(HttpStatusCode.OK);
        Assert.False(escalation.GetProperty("stopped").GetBoolean());

        await fixture.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Single(fixture.PagesTo(bob));

        // Acknowledging again stops it; the first acknowledgement still counts for TTA.
        await Server.Responder.PostAsync($"/api/v1/incidents/{number}/acknowledge", null).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Single(fixture.PagesTo(bob));
        Assert.Equal(2, fixture.PagesTo(ann).Count);
        incident = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(incident.GetProperty("awaitingAcknowledgement").GetBoolean());
        escalation = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/escalation").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("acknowledged", escalation.Str("stoppedBecause"));
    }

    [Fact]
    public async Task AnAlertStillFiring_RepeatedDuringMonitoring_IsNoRefire()
    {
        var t = Tag();
        var ann = await fixture.PersonAsync($"ann{t}");
        var service = await fixture.ServiceWithPolicyAsync(t, new { name = "Payments", steps = new object[] { new { targets = new[] { $"user:ann{t}" }, delay = "5m" } } });
        var integration = await Server.Admin.PostAsJsonAsync("/api/v1/integrations", new { name = $"am-{t}", kind = "alertmanager", service }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        var path = $"/integrations/alertmanager/{integration.Str("key")}";
        var firing = new { version = "4", alerts = new[] { new { status = "firing", labels = new { alertname = "Slow", severity = "warning" }, fingerprint = $"{t}-fp" } } };

        await Server.Anonymous.PostAsJsonAsync(path, firing, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await fixture.Runner.RunDueAsync();
        var number = (await Server.Viewer.GetAsync($"/api/v1/incidents?service={service}").ExpectAsync(HttpStatusCode.OK))
            .EnumerateArray().Single().GetProperty("number").GetInt32();
        await Server.Responder.PostAsJsonAsync($"/api/v1/incidents/{number}/status", new { status = "monitoring" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.OK);

        // Alertmanager repeats a firing alert every repeat_interval; the responder already knows it is still firing.
        await Server.Anonymous.PostAsJsonAsync(path, firing, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(10));

        var incident = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("monitoring", incident.Str("status"));
        Assert.Single(fixture.PagesTo(ann));
    }
}

public sealed class RefireDuringMonitoringTests_Sqlite(SqliteEngineFixture f) : RefireDuringMonitoringTests(f), IClassFixture<SqliteEngineFixture>;

public sealed class RefireDuringMonitoringTests_Postgres(PostgresEngineFixture f) : RefireDuringMonitoringTests(f), IClassFixture<PostgresEngineFixture>;
