using System.Net;
using System.Text.RegularExpressions;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Auth;

public abstract partial class CookieSessionTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task DisabledUser_LosesTheirCookieSessionOnTheNextRequest()
    {
        var username = $"cookie{Guid.NewGuid():N}"[..20];
        await Server.CreateUserWithTokenAsync(username, Role.Responder);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = Server.BaseAddress };

        var loginPage = await browser.GetStringAsync("/login");
        var token = AntiforgeryField().Match(loginPage).Groups[1].Value;
        using var signIn = await browser.PostAsync("/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = RunningServer.UserPassword,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        using (var home = await browser.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        await Server.WithDbAsync(db => db.Users.Where(u => u.Username == username).ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, true)));

        using var after = await browser.GetAsync("/");
        Assert.True(after.StatusCode == HttpStatusCode.Redirect || (await after.Content.ReadAsStringAsync()).Contains("/login", StringComparison.Ordinal),
            $"expected to be sent to sign-in, got {(int)after.StatusCode}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class CookieSessionTests_Sqlite(SqliteServerFixture f) : CookieSessionTests(f), IClassFixture<SqliteServerFixture>;

public sealed class CookieSessionTests_Postgres(PostgresServerFixture f) : CookieSessionTests(f), IClassFixture<PostgresServerFixture>;
