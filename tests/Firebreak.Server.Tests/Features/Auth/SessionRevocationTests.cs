using System.Net;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Auth;

/// <summary>
/// A session cookie copied out of a browser stops working on the server as soon as its user signs out, changes or is
/// given a new password, changes role or is disabled; over real HTTP, once per provider.
/// </summary>
public abstract class SessionRevocationTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private async Task<(string Name, BrowserSession Browser, string Copied)> SignedInAsync(Role role = Role.Responder)
    {
        var name = $"sess{Guid.NewGuid():N}"[..16];
        await Server.CreateUserWithTokenAsync(name, role);
        var browser = new BrowserSession(Server.BaseAddress);
        await browser.SignInAsync(name, RunningServer.UserPassword);
        var copied = browser.CookieHeader;
        Assert.True(await BrowserSession.CookieWorksAsync(Server.BaseAddress, copied, name), "the copied cookie should work before anything happens");
        return (name, browser, copied);
    }

    [Fact]
    public async Task SignOut_CookieCopiedBefore_IsRefused()
    {
        var (name, browser, copied) = await SignedInAsync();
        using var owned = browser;

        await browser.SignOutAsync();

        Assert.False(await BrowserSession.CookieWorksAsync(Server.BaseAddress, copied, name));
    }

    [Fact]
    public async Task SignOut_EndsTheUsersOtherSessionsToo()
    {
        var (name, browser, _) = await SignedInAsync();
        using var other = new BrowserSession(Server.BaseAddress);
        await other.SignInAsync(name, RunningServer.UserPassword);
        var otherCookie = other.CookieHeader;

        await browser.SignOutAsync();
        browser.Dispose();

        Assert.False(await BrowserSession.CookieWorksAsync(Server.BaseAddress, otherCookie, name));
    }

    [Fact]
    public async Task PasswordReset_EndsEverySession()
    {
        var (name, browser, copied) = await SignedInAsync();
        using var owned = browser;

        await Server.Admin.PostJsonAsync($"/api/v1/users/{name}/reset-password", new { }).ExpectAsync(HttpStatusCode.OK);

        Assert.False(await BrowserSession.CookieWorksAsync(Server.BaseAddress, copied, name));
    }

    [Fact]
    public async Task OwnPasswordChange_EndsOtherSessions_AndKeepsThisOneSignedIn()
    {
        var (name, browser, copied) = await SignedInAsync();
        using var owned = browser;
        var token = await browser.AntiforgeryAsync("/account/password");

        using var changed = await browser.Http.PostAsync("/auth/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["currentPassword"] = RunningServer.UserPassword,
            ["newPassword"] = "a-brand-new-password",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.False(await BrowserSession.CookieWorksAsync(Server.BaseAddress, copied, name));
        Assert.True(await BrowserSession.CookieWorksAsync(Server.BaseAddress, browser.CookieHeader, name));
        await Server.Anonymous.PostJsonAsync("/api/v1/auth/token", new { username = name, password = "a-brand-new-password" }).ExpectAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("{\"role\":\"viewer\"}")]
    [InlineData("{\"role\":\"admin\"}")]
    [InlineData("{\"disabled\":true}")]
    public async Task RoleChangeOrDisable_EndsEverySession(string patch)
    {
        var (name, browser, copied) = await SignedInAsync();
        using var owned = browser;

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/users/{name}")
        {
            Content = new StringContent(patch, System.Text.Encoding.UTF8, "application/json"),
        };
        await Server.Admin.SendAsync(request).ExpectAsync(HttpStatusCode.OK);

        Assert.False(await BrowserSession.CookieWorksAsync(Server.BaseAddress, copied, name));
    }
}

public sealed class SessionRevocationTests_Sqlite(SqliteSignInFixture f) : SessionRevocationTests(f), IClassFixture<SqliteSignInFixture>;

public sealed class SessionRevocationTests_Postgres(PostgresSignInFixture f) : SessionRevocationTests(f), IClassFixture<PostgresSignInFixture>;
