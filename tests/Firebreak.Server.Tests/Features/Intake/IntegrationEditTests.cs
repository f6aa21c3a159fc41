using System.Net;
using System.Text.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>Editing an integration after creation, and rotating its key; once per database provider.</summary>
public abstract class IntegrationEditTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private async Task<JsonElement> NewAsync(string kind = "pagerduty")
    {
        await using (var scope = Server.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Storage.FirebreakDb>();
            if (!await db.Services.AnyAsync(s => s.Key == "checkout"))
            {
                db.Services.Add(new Server.Features.Catalog.Service { Key = "checkout", Name = "Checkout" });
                await db.SaveChangesAsync();
            }
        }

        return await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"{kind}-{Guid.NewGuid():N}", kind, service = "checkout", ratePerMinute = 100 })
            .ExpectAsync(HttpStatusCode.Created);
    }

    private Task<HttpResponseMessage> PatchAsync(long id, object body, HttpClient? client = null) =>
        (client ?? Server.Admin).PatchAsync($"/api/v1/integrations/{id}",
            new StringContent(JsonSerializer.Serialize(body, HttpTesting.Json), System.Text.Encoding.UTF8, "application/json"));

    private static long Id(JsonElement integration) => integration.GetProperty("id").GetInt64();

    [Fact]
    public async Task Patch_ChangesOnlyWhatIsSent_AndAuditsEachChange()
    {
        var created = await NewAsync();
        var name = $"renamed-{Guid.NewGuid():N}";

        var updated = await PatchAsync(Id(created), new { name, groupBy = new[] { "alertname", "env" }, groupWindow = "30m" }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((name, "checkout", 1800, 100), (updated.Str("name"), updated.Str("service"), updated.GetProperty("groupWindowSeconds").GetInt32(), updated.GetProperty("ratePerMinute").GetInt32()));
        Assert.Equal(["alertname", "env"], updated.GetProperty("groupBy").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(created.Str("key"), updated.Str("key"));
        var audit = await Server.WithDbAsync(db => db.AuditEvents.SingleAsync(a => a.Action == "integration.update" && a.Resource == $"integration/{name}"));
        Assert.Contains($"name {created.Str("name")} → name {name}", audit.Details, StringComparison.Ordinal);
        Assert.Contains("window 3600s → window 1800s", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("rate", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_EmptyServiceAndZeroRate_ClearThem_EmptyGroupByRestoresTheDefault()
    {
        var created = await NewAsync();
        await PatchAsync(Id(created), new { groupBy = new[] { "env" } }).ExpectAsync(HttpStatusCode.OK);

        var updated = await PatchAsync(Id(created), new { service = "", ratePerMinute = 0, groupBy = Array.Empty<string>() }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, updated.GetProperty("service").ValueKind);
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("ratePerMinute").ValueKind);
        Assert.Equal(["dedup_key"], updated.GetProperty("groupBy").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Patch_Invalid_NamesEveryBadField_AndChangesNothing()
    {
        var created = await NewAsync();

        var problem = await PatchAsync(Id(created), new { name = " ", service = "nope", groupWindow = "soon", ratePerMinute = -1 }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var typed = await PatchAsync(Id(created), new { ratePerMinute = "fast" }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["groupWindow", "name", "ratePerMinute", "service"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.True(typed.GetProperty("errors").TryGetProperty("ratePerMinute", out _));
        var unchanged = await Server.Admin.GetAsync($"/api/v1/integrations/{Id(created)}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((created.Str("name"), "checkout"), (unchanged.Str("name"), unchanged.Str("service")));
    }

    [Fact]
    public async Task Patch_UnknownId_Is404_AndResponderIsForbidden()
    {
        var created = await NewAsync();

        await PatchAsync(999_999, new { name = "x" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await PatchAsync(Id(created), new { name = "x" }, Server.Responder).ExpectAsync(HttpStatusCode.Forbidden);
        await Server.Responder.PostAsync($"/api/v1/integrations/{Id(created)}/rotate-key", null).ExpectAsync(HttpStatusCode.Forbidden);
        await Server.Admin.PostAsync("/api/v1/integrations/999999/rotate-key", null).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RotateKey_OldKeyStopsAtOnce_NewKeyWorks_AuditHasNoKey()
    {
        var created = await NewAsync("generic");
        var oldKey = created.Str("key");
        await Server.Anonymous.PostJsonAsync($"/integrations/generic/{oldKey}", new { id = "before", title = "before rotation" }).ExpectAsync(HttpStatusCode.OK);

        var rotated = await Server.Admin.PostAsync($"/api/v1/integrations/{Id(created)}/rotate-key", null).ExpectAsync(HttpStatusCode.OK);

        var newKey = rotated.Str("key");
        Assert.NotEqual(oldKey, newKey);
        Assert.Matches("^[0-9a-f]{32}$", newKey);
        Assert.Contains(newKey, rotated.GetProperty("snippets").Str("url"), StringComparison.Ordinal);
        await Server.Anonymous.PostJsonAsync($"/integrations/generic/{oldKey}", new { id = "after", title = "old key" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Anonymous.PostJsonAsync($"/integrations/generic/{newKey}", new { id = "after", title = "new key" }).ExpectAsync(HttpStatusCode.OK);
        var audit = await Server.WithDbAsync(db => db.AuditEvents.SingleAsync(a => a.Action == "integration.rotate_key" && a.Resource == $"integration/{created.Str("name")}"));
        Assert.DoesNotContain(oldKey, audit.Details ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(newKey, audit.Details ?? "", StringComparison.Ordinal);
    }
}

public sealed class IntegrationEditTests_Sqlite(SqliteServerFixture f) : IntegrationEditTests(f), IClassFixture<SqliteServerFixture>;

public sealed class IntegrationEditTests_Postgres(PostgresServerFixture f) : IntegrationEditTests(f), IClassFixture<PostgresServerFixture>;
