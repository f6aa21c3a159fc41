using System.Net;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Auth;

/// <summary>A token acts with the lesser of the role it was made with and its owner's role now; once per provider.</summary>
public abstract class ApiTokenRoleTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string NewName(string stem) => $"{stem}{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task AdminToken_OwnerMadeViewerByConfigApply_LosesAdminRightsAtOnce()
    {
        var name = NewName("demoted");
        using var token = Server.Client(await Server.CreateUserWithTokenAsync(name, Role.Admin));
        await token.GetAsync("/api/v1/integrations").ExpectAsync(HttpStatusCode.OK);

        using var dir = new TempDir();
        dir.Write("people.yaml", $"""
            users:
              - username: {name}
                role: viewer
            """);
        await using (var scope = Server.App.Services.CreateAsyncScope())
        {
            var applied = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default);
            Assert.Empty(applied.Errors);
        }

        await token.GetAsync("/api/v1/integrations").ExpectProblemAsync(HttpStatusCode.Forbidden);
        await token.PostJsonAsync("/api/v1/users", new { username = NewName("sneaky"), role = "admin", password = "long-enough-password" })
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
        var me = await token.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("viewer", me.Str("role"));
    }

    [Fact]
    public async Task ViewerToken_OwnerPromotedToAdmin_StaysViewer()
    {
        var name = NewName("promoted");
        await Server.CreateUserWithTokenAsync(name, Role.Responder);
        var owner = await Server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = name, password = RunningServer.UserPassword })
            .ExpectAsync(HttpStatusCode.Created);
        using var ownerClient = Server.Client(owner.Str("secret"));
        var viewerToken = await ownerClient.PostJsonAsync("/api/v1/tokens", new { name = "wall display", role = "viewer" }).ExpectAsync(HttpStatusCode.Created);
        using var display = Server.Client(viewerToken.Str("secret"));

        await Server.WithDbAsync(db => db.Users.Where(u => u.Username == name).ExecuteUpdateAsync(u => u.SetProperty(x => x.Role, Role.Admin)));

        await display.GetAsync("/api/v1/integrations").ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("viewer", (await display.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK)).Str("role"));
    }

    [Fact]
    public async Task Token_OwnerDisabled_Is401()
    {
        var name = NewName("gone");
        using var token = Server.Client(await Server.CreateUserWithTokenAsync(name, Role.Admin));
        await token.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);

        await Server.WithDbAsync(db => db.Users.Where(u => u.Username == name).ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, true)));

        await token.GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class ApiTokenRoleTests_Sqlite(SqliteServerFixture f) : ApiTokenRoleTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ApiTokenRoleTests_Postgres(PostgresServerFixture f) : ApiTokenRoleTests(f), IClassFixture<PostgresServerFixture>;
