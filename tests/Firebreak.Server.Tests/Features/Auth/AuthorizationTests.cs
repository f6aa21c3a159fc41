using System.Net;
using System.Text;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Auth;

/// <summary>Who may do what over the API; runs once per database provider.</summary>
public abstract class AuthorizationTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    public static TheoryData<string, string> Writes => new()
    {
        { "POST", "/api/v1/incidents" },
        { "POST", "/api/v1/incidents/1/acknowledge" },
        { "POST", "/api/v1/incidents/1/status" },
        { "POST", "/api/v1/incidents/1/severity" },
        { "POST", "/api/v1/incidents/1/roles" },
        { "POST", "/api/v1/incidents/1/notes" },
        { "POST", "/api/v1/incidents/1/resolve" },
        { "PATCH", "/api/v1/incidents/1/checklist/1" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_Anonymous401_Viewer403(string method, string path)
    {
        await Server.Anonymous.SendAsync(Request(method, path)).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await Server.Viewer.SendAsync(Request(method, path)).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/api/v1/incidents")]
    [InlineData("/api/v1/incidents/1")]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/tokens")]
    public async Task Read_Anonymous401_ViewerAllowed(string path)
    {
        var problem = await Server.Anonymous.GetAsync(path).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", problem.Str("detail"), StringComparison.Ordinal);

        using var response = await Server.Viewer.GetAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
    }

    [Theory]
    [InlineData("/api/v1/audit")]
    [InlineData("/api/v1/users")]
    public async Task AdminOnly_Responder403_Admin200(string path)
    {
        await Server.Responder.GetAsync(path).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Viewer.GetAsync(path).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Admin.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownOrMalformedToken_Is401()
    {
        using var wrong = Server.Client("fbk_aaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        await wrong.GetAsync("/api/v1/incidents").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        using var garbage = Server.Client("not-a-token");
        await garbage.GetAsync("/api/v1/incidents").ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_CreateShowOnceRevoke_StoresOnlyHash()
    {
        var created = await Server.Responder.PostJsonAsync("/api/v1/tokens", new { name = "pager laptop" }).ExpectAsync(HttpStatusCode.Created);
        var secret = created.Str("secret");
        var id = created.GetProperty("token").GetProperty("id").GetInt64();
        Assert.StartsWith("fbk_", secret, StringComparison.Ordinal);

        using var client = Server.Client(secret);
        await client.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);

        var listed = await Server.Responder.GetAsync("/api/v1/tokens").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(secret, listed.ToString(), StringComparison.Ordinal);
        var stored = await Server.WithDbAsync(db => db.ApiTokens.SingleAsync(t => t.Id == id));
        Assert.Equal(32, stored.SecretHash.Length);
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(stored.SecretHash), StringComparison.Ordinal);
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Action == "token.create").Select(a => a.Details).ToListAsync());
        Assert.DoesNotContain(audit, d => d != null && d.Contains(secret, StringComparison.Ordinal));

        await Server.Responder.DeleteAsync($"/api/v1/tokens/{id}").ExpectAsync(HttpStatusCode.OK);
        await client.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await Server.Responder.DeleteAsync($"/api/v1/tokens/{id}").ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Token_RoleAboveOwner_IsRejected()
    {
        var problem = await Server.Responder.PostJsonAsync("/api/v1/tokens", new { name = "escalate", role = "admin" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task ViewerScopedToken_FromResponder_CannotWrite()
    {
        var created = await Server.Responder.PostJsonAsync("/api/v1/tokens", new { name = "dashboard", role = "viewer" }).ExpectAsync(HttpStatusCode.Created);
        using var client = Server.Client(created.Str("secret"));

        await client.PostJsonAsync("/api/v1/incidents", new { title = "x", severity = "SEV-4" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await client.GetAsync("/api/v1/incidents").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PasswordToken_WrongPassword401_RightPassword201()
    {
        await Server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = "rita", password = "wrong-password-123" })
            .ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await Server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = "nobody", password = "wrong-password-123" })
            .ExpectProblemAsync(HttpStatusCode.Unauthorized);

        var ok = await Server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = "rita", password = RunningServer.UserPassword, tokenName = "cli" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("responder", ok.GetProperty("token").Str("role"));
        var attempts = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == "user/rita" && a.Action.StartsWith("auth.")).Select(a => a.Action).ToListAsync());
        Assert.Contains("auth.sign_in_failed", attempts);
        Assert.Contains("auth.sign_in", attempts);
    }

    [Fact]
    public async Task CreateUser_AdminOnly_ValidatesAndAudits()
    {
        await Server.Responder.PostJsonAsync("/api/v1/users", new { username = "newbie", role = "responder" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var bad = await Server.Admin.PostJsonAsync("/api/v1/users", new { username = "has space", role = "chief", password = "short" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.True(errors.TryGetProperty("username", out _) && errors.TryGetProperty("role", out _) && errors.TryGetProperty("password", out _));

        await Server.Admin.PostJsonAsync("/api/v1/users", new { username = "newbie", displayName = "New Bie", role = "responder", password = "long-enough-password" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.True(await Server.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.Action == "user.create" && a.Resource == "user/newbie" && a.Actor == "adam")));
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
}

public sealed class AuthorizationTests_Sqlite(SqliteServerFixture f) : AuthorizationTests(f), IClassFixture<SqliteServerFixture>;

public sealed class AuthorizationTests_Postgres(PostgresServerFixture f) : AuthorizationTests(f), IClassFixture<PostgresServerFixture>;
