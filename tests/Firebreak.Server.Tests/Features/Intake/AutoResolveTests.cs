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
}

public sealed class AutoResolveTests_Sqlite(SqliteServerFixture f) : AutoResolveTests(f), IClassFixture<SqliteServerFixture>;

public sealed class AutoResolveTests_Postgres(PostgresServerFixture f) : AutoResolveTests(f), IClassFixture<PostgresServerFixture>;
