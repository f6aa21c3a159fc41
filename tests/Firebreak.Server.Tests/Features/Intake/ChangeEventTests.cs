using System.Net;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Intake;

public abstract class ChangeEventTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task ChangeEvent_IsStoredAndShownOnTheIncidentItPrecedes()
    {
        var service = $"ce-{Guid.NewGuid():N}"[..16];
        await using (var scope = Server.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Storage.FirebreakDb>();
            db.Services.Add(new Server.Features.Catalog.Service { Key = service, Name = service });
            await db.SaveChangesAsync();
        }

        var key = (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"ce-{Guid.NewGuid():N}", kind = "pagerduty", service })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        var deployedAt = Server.Clock.GetUtcNow().AddMinutes(-20);

        var accepted = await Server.Anonymous.PostJsonAsync("/v2/change/enqueue", new
        {
            routing_key = key,
            payload = new { summary = "Deployed pricing v2.31", source = "ci", timestamp = deployedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
            links = new[] { new { href = "https://ci.example/build/42", text = "Build 42" } },
        }).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("success", accepted.Str("status"));

        var incident = await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = "Checkout errors after deploy", severity = "SEV-2", service })
            .ExpectAsync(HttpStatusCode.Created);
        var changes = await Server.Viewer.GetAsync($"/api/v1/incidents/{incident.Str("slug")}/changes").ExpectAsync(HttpStatusCode.OK);

        var change = Assert.Single(changes.EnumerateArray());
        Assert.Equal("Deployed pricing v2.31", change.Str("summary"));
        Assert.Equal(service, change.Str("service"));
        Assert.Contains("build/42", change.Str("linksJson"), StringComparison.Ordinal);
        Assert.False(await Server.WithDbAsync(db => db.Alerts.AnyAsync(a => a.Integration!.Key == key)));

        var bad = await Server.Anonymous.PostJsonAsync("/v2/change/enqueue", new { routing_key = key, payload = new { source = "ci" } }).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("payload.summary", bad.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }
}

public sealed class ChangeEventTests_Sqlite(SqliteServerFixture f) : ChangeEventTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ChangeEventTests_Postgres(PostgresServerFixture f) : ChangeEventTests(f), IClassFixture<PostgresServerFixture>;
