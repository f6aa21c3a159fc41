using System.Net;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Intake;

public abstract class AutoResolveTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Theory]
    [InlineData("monitoring", IncidentStatus.Monitoring)]
    [InlineData("resolved", IncidentStatus.Resolved)]
    public async Task AllAlertsResolved_MovesIncidentPerServiceSetting(string setting, IncidentStatus expected)
    {
        var serviceKey = $"ar-{Guid.NewGuid():N}"[..16];
        await using (var scope = Server.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Storage.FirebreakDb>();
            db.Services.Add(new Server.Features.Catalog.Service { Key = serviceKey, Name = serviceKey, AutoResolveTo = setting });
            await db.SaveChangesAsync();
        }

        var key = (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"ar-{Guid.NewGuid():N}", kind = "pagerduty", service = serviceKey })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        await Server.Anonymous.PostJsonAsync("/v2/enqueue", new { routing_key = key, event_action = "trigger", dedup_key = "x", payload = new { summary = "s", source = "h", severity = "error" } })
            .ExpectAsync(HttpStatusCode.Accepted);
        await Server.Anonymous.PostJsonAsync("/v2/enqueue", new { routing_key = key, event_action = "resolve", dedup_key = "x" }).ExpectAsync(HttpStatusCode.Accepted);

        var status = await Server.WithDbAsync(db => db.Alerts.Where(a => a.Integration!.Key == key).Select(a => a.Incident!.Status).SingleAsync());
        Assert.Equal(expected, status);
    }



    [Fact]
    public async Task ResolvedBySourceBeforeAnyoneAnswered_IsNotAnAcknowledgement()
    {
        // SEV-2 has an acknowledge target; nobody answers, then Alertmanager says the alert recovered on its own.
        var key = (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"src-{Guid.NewGuid():N}", kind = "pagerduty" })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        var dedup = $"d-{Guid.NewGuid():N}";
        await Server.Anonymous.PostJsonAsync("/v2/enqueue", new { routing_key = key, event_action = "trigger", dedup_key = dedup, payload = new { summary = "disk full", source = "h", severity = "critical" } })
            .ExpectAsync(HttpStatusCode.Accepted);
        Server.Clock.Advance(TimeSpan.FromSeconds(47));
        await Server.Anonymous.PostJsonAsync("/v2/enqueue", new { routing_key = key, event_action = "resolve", dedup_key = dedup }).ExpectAsync(HttpStatusCode.Accepted);

        var number = await Server.WithDbAsync(db => db.Alerts.Where(a => a.DedupKey == dedup).Select(a => a.Incident!.Number).SingleAsync());
        var incident = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("resolved", incident.Str("status"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, incident.GetProperty("acknowledgedAt").ValueKind);
        var tta = incident.GetProperty("metrics").GetProperty("tta");
        Assert.Equal("not acknowledged", tta.Str("text"));
        Assert.False(tta.GetProperty("reached").GetBoolean());
        Assert.False(tta.GetProperty("targetMet").GetBoolean());
    }
}

public sealed class AutoResolveTests_Sqlite(SqliteServerFixture f) : AutoResolveTests(f), IClassFixture<SqliteServerFixture>;

public sealed class AutoResolveTests_Postgres(PostgresServerFixture f) : AutoResolveTests(f), IClassFixture<PostgresServerFixture>;
