using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Escalation;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Escalation;

/// <summary>
/// An incident whose service has no escalation policy pages nobody. That must never look fine: the incident says so,
/// naming the service and the fix, and <c>Firebreak:Escalation:DefaultPolicy</c> catches such services.
/// </summary>
public sealed class NobodyPagedTests
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task AServiceWithoutAPolicy_WarnsOnTheIncident_NamingTheServiceAndTheFix()
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite);
        var service = $"svc-{Tag()}";
        await server.WithDbAsync(db => { db.Services.Add(new Service { Key = service, Name = "Ledger" }); return db.SaveChangesAsync(); });
        var number = (await server.Responder.PostAsJsonAsync("/api/v1/incidents", new { title = "Ledger lagging", severity = "SEV-2", service }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("number").GetInt32();

        var state = await server.Viewer.GetAsync($"/api/v1/incidents/{number}/escalation").ExpectAsync(HttpStatusCode.OK);
        var warning = state.Str("warning");
        Assert.Contains("Nobody is paged", warning, StringComparison.Ordinal);
        Assert.Contains(service, warning, StringComparison.Ordinal);
        Assert.Contains("Firebreak:Escalation:DefaultPolicy", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDefaultPolicy_PagesForServicesWithoutOne_AndAnIncidentWithNoServiceAtAll()
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Firebreak:Escalation:DefaultPolicy"] = "catch-all",
        });
        await server.Admin.PutAsJsonAsync("/api/v1/escalation-policies/catch-all", new
        {
            name = "Catch-all",
            steps = new[] { new { targets = new[] { $"user:{"rita"}" }, delay = "5m" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        var service = $"svc-{Tag()}";
        await server.WithDbAsync(db => { db.Services.Add(new Service { Key = service, Name = "Ledger" }); return db.SaveChangesAsync(); });

        foreach (var body in new object[] { new { title = "Ledger lagging", severity = "SEV-2", service }, new { title = "Something odd", severity = "SEV-3" } })
        {
            var number = (await server.Responder.PostAsJsonAsync("/api/v1/incidents", body, HttpTesting.Json).ExpectAsync(HttpStatusCode.Created))
                .GetProperty("number").GetInt32();
            var state = await server.Viewer.GetAsync($"/api/v1/incidents/{number}/escalation").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("catch-all", state.Str("policy"));
            Assert.Contains("default policy", state.Str("notice"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheHomePagesList_NamesServicesThatPageNobody_UntilADefaultPolicyCatchesThem()
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite);
        var service = $"svc-{Tag()}";
        await server.WithDbAsync(db => { db.Services.Add(new Service { Key = service, Name = "Ledger" }); return db.SaveChangesAsync(); });
        await using var withDefault = await RunningServer.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Firebreak:Escalation:DefaultPolicy"] = "catch-all",
        });
        await withDefault.WithDbAsync(db => { db.Services.Add(new Service { Key = service, Name = "Ledger" }); return db.SaveChangesAsync(); });
        var missingDefault = await UnpagedAsync(withDefault);
        await withDefault.Admin.PutAsJsonAsync("/api/v1/escalation-policies/catch-all", new
        {
            name = "Catch-all",
            steps = new[] { new { targets = new[] { "user:rita" }, delay = "5m" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains(await UnpagedAsync(server), s => s.Key == service && s.Name == "Ledger");
        Assert.Contains(missingDefault, s => s.Key == service);
        Assert.Empty(await UnpagedAsync(withDefault));
    }

    [Fact]
    public async Task AnIntegrationForAServiceThatPagesNobody_SaysSoOnCreationAndWhenRead_UntilTheServiceHasAPolicy()
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite);
        var service = $"svc-{Tag()}";
        await server.WithDbAsync(db => { db.Services.Add(new Service { Key = service, Name = "Ledger" }); return db.SaveChangesAsync(); });

        var created = await server.Admin.PostAsJsonAsync("/api/v1/integrations", new { name = $"am-{Tag()}", kind = "alertmanager", service }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        await server.Admin.PutAsJsonAsync($"/api/v1/escalation-policies/pol-{service}", new
        {
            name = "Ledger",
            steps = new[] { new { targets = new[] { "user:rita" }, delay = "5m" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        await server.Admin.PutAsJsonAsync($"/api/v1/services/{service}/escalation-policy", new { policy = $"pol-{service}" }, HttpTesting.Json)
            .ExpectAsync(HttpStatusCode.OK);
        var later = await server.Admin.GetAsync($"/api/v1/integrations/{id}").ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("page nobody", created.Str("warning"), StringComparison.Ordinal);
        Assert.Contains(service, created.Str("warning"), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, later.GetProperty("warning").ValueKind);
    }

    private static async Task<IReadOnlyList<UnpagedService>> UnpagedAsync(RunningServer server)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UnpagedServices>().ListAsync(default);
    }
}
