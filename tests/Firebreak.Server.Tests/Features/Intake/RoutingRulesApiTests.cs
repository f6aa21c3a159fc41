using System.Net;
using System.Text.Json;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Intake;

public abstract class RoutingRulesApiTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private async Task<(long Id, string Key)> SetUpAsync()
    {
        await using (var scope = Server.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Storage.FirebreakDb>();
            foreach (var key in new[] { "payments", "search" })
            {
                if (!await db.Services.AnyAsync(s => s.Key == key))
                {
                    db.Services.Add(new Server.Features.Catalog.Service { Key = key, Name = key });
                }
            }

            await db.SaveChangesAsync();
        }

        var created = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"routed-{Guid.NewGuid():N}", kind = "alertmanager", service = "search" })
            .ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        await Server.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/integrations/{id}/rules")
        {
            Content = Json(new
            {
                rules = new object[]
                {
                    new { name = "ignore dev", match = new[] { "env=dev" }, drop = true },
                    new { name = "payments pages hard", match = new[] { "team=payments" }, service = "payments", severity = "SEV-1" },
                },
            }),
        }).ExpectAsync(HttpStatusCode.OK);
        return (id, created.Str("key"));
    }

    private static object Firing(string fingerprint, Dictionary<string, string> labels) => new
    {
        alerts = new[] { new { status = "firing", labels, fingerprint } },
    };

    [Fact]
    public async Task Rules_RouteToServiceAndSeverity_DropAndDefault()
    {
        var (_, key) = await SetUpAsync();
        var path = $"/integrations/alertmanager/{key}";

        await Server.Anonymous.PostJsonAsync(path, Firing("r-pay", new() { ["alertname"] = "Errors", ["team"] = "payments", ["severity"] = "info" })).ExpectAsync(HttpStatusCode.OK);
        await Server.Anonymous.PostJsonAsync(path, Firing("r-dev", new() { ["alertname"] = "Errors", ["env"] = "dev" })).ExpectAsync(HttpStatusCode.OK);
        await Server.Anonymous.PostJsonAsync(path, Firing("r-other", new() { ["alertname"] = "Slow", ["severity"] = "warning" })).ExpectAsync(HttpStatusCode.OK);

        var pay = await Server.WithDbAsync(db => db.Alerts.Include(a => a.Incident!).ThenInclude(i => i.Service).SingleAsync(a => a.DedupKey == "r-pay"));
        Assert.Equal(("SEV-1", "payments"), (pay.Incident!.SeverityKey, pay.Incident.Service!.Key));
        Assert.False(await Server.WithDbAsync(db => db.Alerts.AnyAsync(a => a.DedupKey == "r-dev")));
        var other = await Server.WithDbAsync(db => db.Alerts.Include(a => a.Incident!).ThenInclude(i => i.Service).SingleAsync(a => a.DedupKey == "r-other"));
        Assert.Equal(("SEV-3", "search"), (other.Incident!.SeverityKey, other.Incident.Service!.Key));
    }

    [Fact]
    public async Task DryRun_ShowsDecisionAndStoresNothing()
    {
        var (id, _) = await SetUpAsync();
        var before = await Server.WithDbAsync(db => db.Alerts.CountAsync());

        var saved = await Server.Admin.PostJsonAsync($"/api/v1/integrations/{id}/rules/dry-run", new
        {
            payload = Firing("dry", new() { ["alertname"] = "Errors", ["team"] = "payments" }),
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("payments pages hard", "payments", "SEV-1", false), (saved[0].Str("rule"), saved[0].Str("service"), saved[0].Str("severity"), saved[0].GetProperty("drop").GetBoolean()));

        var edited = await Server.Admin.PostJsonAsync($"/api/v1/integrations/{id}/rules/dry-run", new
        {
            rules = new[] { new { match = new[] { "alertname=~\"Err.*\"" }, drop = true } },
            labels = new Dictionary<string, string> { ["alertname"] = "Errors" },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(edited[0].GetProperty("drop").GetBoolean());
        Assert.Equal(before, await Server.WithDbAsync(db => db.Alerts.CountAsync()));
    }

    [Fact]
    public async Task SetRules_Invalid_NamesRuleAndProblem_AndKeepsOldRules()
    {
        var (id, _) = await SetUpAsync();

        var problem = await Server.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/integrations/{id}/rules")
        {
            Content = Json(new { rules = new object[] { new { match = new[] { "env" }, service = "nowhere", severity = "SEV-9" }, new { match = new[] { "a=b" } } } }),
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        var first = string.Join(" ", errors.GetProperty("rules[0]").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("not a matcher", first, StringComparison.Ordinal);
        Assert.Contains("unknown service 'nowhere'", first, StringComparison.Ordinal);
        Assert.Contains("unknown severity 'SEV-9'", first, StringComparison.Ordinal);
        Assert.Contains("at least one of", errors.GetProperty("rules[1]")[0].GetString(), StringComparison.Ordinal);
        var current = await Server.Admin.GetAsync($"/api/v1/integrations/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, current.GetProperty("rules").GetArrayLength());
    }

    private static StringContent Json(object value) =>
        new(JsonSerializer.Serialize(value, HttpTesting.Json), System.Text.Encoding.UTF8, "application/json");
}

public sealed class RoutingRulesApiTests_Sqlite(SqliteServerFixture f) : RoutingRulesApiTests(f), IClassFixture<SqliteServerFixture>;

public sealed class RoutingRulesApiTests_Postgres(PostgresServerFixture f) : RoutingRulesApiTests(f), IClassFixture<PostgresServerFixture>;
