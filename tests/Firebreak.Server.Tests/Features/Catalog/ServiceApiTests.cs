using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Catalog;

/// <summary>Services written through the API rather than config: validated, unique, audited; once per provider.</summary>
public abstract class ServiceApiTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16];

    private async Task<string> TeamAsync()
    {
        var key = NewKey("team");
        await Server.WithDbAsync(async db =>
        {
            db.Teams.Add(new Team { Key = key, Name = $"Team {key}" });
            return await db.SaveChangesAsync();
        });
        return key;
    }

    private async Task<string> PolicyAsync()
    {
        var key = NewKey("pol");
        await Server.Admin.PutAsJsonAsync($"/api/v1/escalation-policies/{key}", new
        {
            name = "Payments",
            steps = new[] { new { targets = new[] { "user:rita" }, delay = "5m" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        return key;
    }

    [Fact]
    public async Task Create_WithTeamZonePolicyAndAutoResolve_IsListedReadBackAndAudited()
    {
        var team = await TeamAsync();
        var policy = await PolicyAsync();
        var key = NewKey("svc");

        var created = await Server.Admin.PostJsonAsync("/api/v1/services", new
        {
            key,
            name = "Payments API",
            team,
            timeZone = "Europe/Berlin",
            escalationPolicy = policy,
            autoResolve = "monitoring",
        }).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(key, created.Str("key"));
        Assert.Equal("Payments API", created.Str("name"));
        Assert.Equal(team, created.Str("team"));
        Assert.Equal("Europe/Berlin", created.Str("timeZone"));
        Assert.Equal(policy, created.Str("escalationPolicy"));
        Assert.Equal("monitoring", created.Str("autoResolve"));
        var listed = await Server.Viewer.GetAsync("/api/v1/services").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(listed.EnumerateArray(), s => s.Str("key") == key && s.Str("escalationPolicy") == policy);
        var one = await Server.Viewer.GetAsync($"/api/v1/services/{key}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Payments API", one.Str("name"));
        var policyDto = await Server.Viewer.GetAsync($"/api/v1/escalation-policies/{policy}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(key, policyDto.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"service/{key}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["service.create"], audit);
    }

    [Fact]
    public async Task Create_DuplicateKey_Is409_WithTheKeyInTheDetail()
    {
        var key = NewKey("svc");
        await Server.Admin.PostJsonAsync("/api/v1/services", new { key, name = "First" }).ExpectAsync(HttpStatusCode.Created);

        var problem = await Server.Admin.PostJsonAsync("/api/v1/services", new { key, name = "Second" }).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains(key, problem.Str("detail"), StringComparison.Ordinal);
        var names = await Server.WithDbAsync(db => db.Services.Where(s => s.Key == key).Select(s => s.Name).ToListAsync());
        Assert.Equal(["First"], names);
    }

    [Fact]
    public async Task Create_UnknownTeamPolicyZoneBadKeyAndAutoResolve_Is400_NamingEachField()
    {
        var problem = await Server.Admin.PostJsonAsync("/api/v1/services", new
        {
            key = "Not A Key",
            name = "",
            team = "no-such-team",
            timeZone = "Mars/Olympus",
            escalationPolicy = "no-such-policy",
            autoResolve = "sometimes",
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Contains("lowercase", errors.GetProperty("key")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("name", errors.GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("no-such-team", errors.GetProperty("team")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", errors.GetProperty("timeZone")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("no-such-policy", errors.GetProperty("escalationPolicy")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("sometimes", errors.GetProperty("autoResolve")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_ChangesOnlyWhatIsGiven_EmptyClearsTeamAndPolicy_AndIsAudited()
    {
        var team = await TeamAsync();
        var policy = await PolicyAsync();
        var key = NewKey("svc");
        await Server.Admin.PostJsonAsync("/api/v1/services", new { key, name = "Checkout", team, escalationPolicy = policy, timeZone = "UTC" })
            .ExpectAsync(HttpStatusCode.Created);

        var renamed = await Server.Admin.PatchJsonAsync($"/api/v1/services/{key}", new { name = "Checkout API", autoResolve = "monitoring" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Checkout API", renamed.Str("name"));
        Assert.Equal(team, renamed.Str("team"));
        Assert.Equal(policy, renamed.Str("escalationPolicy"));
        Assert.Equal("monitoring", renamed.Str("autoResolve"));

        var cleared = await Server.Admin.PatchJsonAsync($"/api/v1/services/{key}", new { team = "", escalationPolicy = "" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("team").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("escalationPolicy").ValueKind);
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"service/{key}").OrderBy(a => a.Id).Select(a => a.Action + ": " + a.Details).ToListAsync());
        Assert.Equal(3, audit.Count);
        Assert.Contains("name: Checkout → Checkout API", audit[1], StringComparison.Ordinal);
        Assert.Contains("auto_resolve: resolved → monitoring", audit[1], StringComparison.Ordinal);
        Assert.Contains($"escalation_policy: {policy} → (none)", audit[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_UnknownService404_BadZone400_NonAdmin403()
    {
        var key = NewKey("svc");
        await Server.Admin.PostJsonAsync("/api/v1/services", new { key, name = "Ledger" }).ExpectAsync(HttpStatusCode.Created);

        await Server.Admin.PatchJsonAsync("/api/v1/services/no-such-service", new { name = "X" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        var bad = await Server.Admin.PatchJsonAsync($"/api/v1/services/{key}", new { timeZone = "Europe/Nowhere" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Europe/Nowhere", bad.GetProperty("errors").GetProperty("timeZone")[0].GetString(), StringComparison.Ordinal);
        using var patch = await Server.Responder.PatchJsonAsync($"/api/v1/services/{key}", new { name = "X" });
        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        using var post = await Server.Responder.PostJsonAsync("/api/v1/services", new { key = NewKey("svc"), name = "X" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }
}

public sealed class ServiceApiTests_Sqlite(SqliteServerFixture f) : ServiceApiTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ServiceApiTests_Postgres(PostgresServerFixture f) : ServiceApiTests(f), IClassFixture<PostgresServerFixture>;
