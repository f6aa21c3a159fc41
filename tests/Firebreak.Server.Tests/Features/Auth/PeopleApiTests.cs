using System.Net;
using System.Text.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Auth;

/// <summary>Managing people over the API: PATCH, password resets, disabling, and the last admin; once per provider.</summary>
public abstract class PeopleApiTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string NewName(string stem) => $"{stem}{Guid.NewGuid():N}"[..16];

    private async Task<(string Name, HttpClient Client)> UserAsync(Role role)
    {
        var name = NewName(role.ToWire()[..3]);
        return (name, Server.Client(await Server.CreateUserWithTokenAsync(name, role)));
    }

    [Fact]
    public async Task Patch_ChangesRoleNameAndZone_AuditedAndListed()
    {
        var (name, client) = await UserAsync(Role.Viewer);
        using var owned = client;

        var patched = await Server.Admin.PatchJsonAsync($"/api/v1/users/{name}",
            new { role = "responder", displayName = "Pat Example", timeZone = "Europe/Berlin" }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("responder", patched.Str("role"));
        Assert.Equal("Pat Example", patched.Str("displayName"));
        Assert.Equal("Europe/Berlin", patched.Str("timeZone"));
        var listed = await Server.Admin.GetAsync("/api/v1/users").ExpectAsync(HttpStatusCode.OK);
        var row = listed.EnumerateArray().Single(u => u.Str("username") == name);
        Assert.Equal("Europe/Berlin", row.Str("timeZone"));
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"user/{name}" && a.Action == "user.update").Select(a => a.Details).ToListAsync());
        var details = Assert.Single(audit);
        Assert.Contains("role: viewer → responder", details, StringComparison.Ordinal);
        Assert.Contains("time_zone: (none) → Europe/Berlin", details, StringComparison.Ordinal);

        var cleared = await Server.Admin.PatchJsonAsync($"/api/v1/users/{name}", new { timeZone = "" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("timeZone").ValueKind);
        Assert.Equal("responder", cleared.Str("role"));
    }

    [Fact]
    public async Task Patch_BadValues_Are400NamingEachField_AndChangeNothing()
    {
        var (name, client) = await UserAsync(Role.Viewer);
        using var owned = client;

        var problem = await Server.Admin.PatchJsonAsync($"/api/v1/users/{name}",
            new { role = "chief", timeZone = "Mars/Olympus", displayName = new string('x', 201) }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Contains("Mars/Olympus", errors.GetProperty("timeZone")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("role", out _) && errors.TryGetProperty("displayName", out _));
        Assert.Equal(Role.Viewer, await Server.WithDbAsync(db => db.Users.Where(u => u.Username == name).Select(u => u.Role).SingleAsync()));
    }

    [Fact]
    public async Task Patch_NonAdmin403_UnknownUser404()
    {
        var (name, client) = await UserAsync(Role.Viewer);
        using var owned = client;

        await Server.Responder.PatchJsonAsync($"/api/v1/users/{name}", new { role = "admin" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Responder.PostJsonAsync($"/api/v1/users/{name}/reset-password", new { }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Admin.PatchJsonAsync("/api/v1/users/no-such-person", new { role = "viewer" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Admin.PostJsonAsync("/api/v1/users/no-such-person/reset-password", new { }).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ResetPassword_ShownOnce_OldStops_NewWorks_NeverStoredOrAudited()
    {
        var (name, client) = await UserAsync(Role.Responder);
        using var owned = client;

        var reset = await Server.Admin.PostJsonAsync($"/api/v1/users/{name}/reset-password", new { }).ExpectAsync(HttpStatusCode.OK);
        var password = reset.Str("password");

        Assert.True(password.Length >= AccountService.MinPasswordLength);
        await Server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = name, password = RunningServer.UserPassword })
            .ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await Server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = name, password }).ExpectAsync(HttpStatusCode.Created);
        var stored = await Server.WithDbAsync(db => db.Users.SingleAsync(u => u.Username == name));
        Assert.DoesNotContain(password, stored.PasswordHash, StringComparison.Ordinal);
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"user/{name}").ToListAsync());
        Assert.Contains(audit, a => a.Action == "user.reset_password" && a.Actor == "adam");
        Assert.DoesNotContain(audit, a => (a.Details ?? "").Contains(password, StringComparison.Ordinal));
        var again = await Server.Admin.PostJsonAsync($"/api/v1/users/{name}/reset-password", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(password, again.Str("password"));
    }

    [Fact]
    public async Task Disable_EndsTheirTokens_AndEnablingAgainDoesNotRevive_Them()
    {
        var (name, client) = await UserAsync(Role.Responder);
        using var owned = client;
        await client.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);

        var disabled = await Server.Admin.PatchJsonAsync($"/api/v1/users/{name}", new { disabled = true }).ExpectAsync(HttpStatusCode.OK);
        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        await client.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await Server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = name, password = RunningServer.UserPassword })
            .ExpectProblemAsync(HttpStatusCode.Unauthorized);

        await Server.Admin.PatchJsonAsync($"/api/v1/users/{name}", new { disabled = false }).ExpectAsync(HttpStatusCode.OK);
        await client.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await Server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = name, password = RunningServer.UserPassword }).ExpectAsync(HttpStatusCode.Created);
        var actions = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"user/{name}" && a.Action == "user.update").Select(a => a.Details).ToListAsync());
        Assert.Contains(actions, d => d!.Contains("disabled: false → true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DemoteToViewer_WhileOnAScheduleOrPolicy_Is409NamingThem()
    {
        var (name, client) = await UserAsync(Role.Responder);
        using var owned = client;
        var schedule = $"sched-{Guid.NewGuid():N}"[..16];
        var policy = $"pol-{Guid.NewGuid():N}"[..16];
        await Server.Admin.PutAsync($"/api/v1/schedules/{schedule}", JsonContent(new
        {
            name = "Primary",
            timeZone = "UTC",
            layers = new[] { new { name = "primary", participants = new[] { new[] { name } }, shift = "weekly", start = "2026-01-05T09:00" } },
        })).ExpectAsync(HttpStatusCode.OK);
        await Server.Admin.PutAsync($"/api/v1/escalation-policies/{policy}", JsonContent(new
        {
            name = "Policy",
            steps = new[] { new { targets = new[] { $"user:{name}" }, delay = "5m" } },
        })).ExpectAsync(HttpStatusCode.OK);

        var problem = await Server.Admin.PatchJsonAsync($"/api/v1/users/{name}", new { role = "viewer" }).ExpectProblemAsync(HttpStatusCode.Conflict);

        var detail = problem.Str("detail");
        Assert.Contains(name, detail, StringComparison.Ordinal);
        Assert.Contains($"schedule '{schedule}'", detail, StringComparison.Ordinal);
        Assert.Contains($"escalation policy '{policy}'", detail, StringComparison.Ordinal);
        Assert.Equal(Role.Responder, await Server.WithDbAsync(db => db.Users.Where(u => u.Username == name).Select(u => u.Role).SingleAsync()));
        await Server.Admin.PatchJsonAsync($"/api/v1/users/{name}", new { role = "admin" }).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disable_WhileOnASchedule_IsAllowed_AndWarnsWhereTheyAre()
    {
        var (name, client) = await UserAsync(Role.Responder);
        using var owned = client;
        var schedule = $"sched-{Guid.NewGuid():N}"[..16];
        await Server.Admin.PutAsync($"/api/v1/schedules/{schedule}", JsonContent(new
        {
            name = "Primary",
            timeZone = "UTC",
            layers = new[] { new { name = "primary", participants = new[] { new[] { name } }, shift = "weekly", start = "2026-01-05T09:00" } },
        })).ExpectAsync(HttpStatusCode.OK);

        var disabled = await Server.Admin.PatchJsonAsync($"/api/v1/users/{name}", new { disabled = true }).ExpectAsync(HttpStatusCode.OK);

        var warning = Assert.Single(disabled.GetProperty("warnings").EnumerateArray()).GetString();
        Assert.Contains($"schedule '{schedule}'", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastEnabledAdmin_CannotBeDemotedOrDisabled_ByApiOrConfig()
    {
        await using var server = await RunningServer.StartAsync(Server.Database.Provider);
        await server.Admin.PatchJsonAsync("/api/v1/users/admin", new { role = "responder" }).ExpectAsync(HttpStatusCode.OK);

        var demote = await server.Admin.PatchJsonAsync("/api/v1/users/adam", new { role = "responder" }).ExpectProblemAsync(HttpStatusCode.Conflict);
        var disable = await server.Admin.PatchJsonAsync("/api/v1/users/adam", new { disabled = true }).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("last enabled admin", demote.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("last enabled admin", disable.Str("detail"), StringComparison.Ordinal);
        using var dir = new TempDir();
        dir.Write("people.yaml", """
            users:
              - username: adam
                role: responder
            """);
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var applied = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default);
            Assert.Contains(applied.Errors, e => e.StartsWith("people.yaml:", StringComparison.Ordinal) && e.Contains("last enabled admin", StringComparison.Ordinal));
        }

        Assert.Equal(Role.Admin, await server.WithDbAsync(db => db.Users.Where(u => u.Username == "adam").Select(u => u.Role).SingleAsync()));
        await server.Admin.GetAsync("/api/v1/users").ExpectAsync(HttpStatusCode.OK);
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, HttpTesting.Json), System.Text.Encoding.UTF8, "application/json");
}

public sealed class PeopleApiTests_Sqlite(SqliteServerFixture f) : PeopleApiTests(f), IClassFixture<SqliteServerFixture>;

public sealed class PeopleApiTests_Postgres(PostgresServerFixture f) : PeopleApiTests(f), IClassFixture<PostgresServerFixture>;
