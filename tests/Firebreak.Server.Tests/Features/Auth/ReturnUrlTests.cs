using System.Net;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Auth;

/// <summary>After sign-in the browser goes only to a path on this server, whatever returnUrl says; over real HTTP.</summary>
public sealed class ReturnUrlTests(SqliteSignInFixture fixture) : IClassFixture<SqliteSignInFixture>
{
    private RunningServer Server => fixture.Server;

    // Each of these leaves the site in some browser: Chromium drops tabs and newlines and reads '\' as '/'.
    public static TheoryData<string> Foreign =>
    [
        "/\t/127.0.0.1:18099/x",
        "/\n/evil.example/",
        "/\r/evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "//evil.example/",
        "/ /evil.example/",
        "/\u00a0/evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/%09/evil.example/",
        "/%5Cevil.example/",
        "/%2F%2Fevil.example/",
        "/incidents\\..\\evil",
        "evil.example",
        "",
    ];

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task SignIn_ForeignReturnUrl_GoesHome(string returnUrl)
    {
        var (name, password) = await UserAsync();
        using var browser = new BrowserSession(Server.BaseAddress);

        using var response = await browser.PostLoginAsync(name, password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task FailedSignIn_ForeignReturnUrl_IsNotCarriedBackToTheForm(string returnUrl)
    {
        using var browser = new BrowserSession(Server.BaseAddress);

        using var response = await browser.PostLoginAsync("nobody-at-all", "wrong-password-123", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?error=1", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/incidents/7")]
    [InlineData("/schedules/payments?week=2")]
    [InlineData("/incidents/7#timeline")]
    public async Task SignIn_LocalReturnUrl_IsKept(string returnUrl)
    {
        var (name, password) = await UserAsync();
        using var browser = new BrowserSession(Server.BaseAddress);

        using var response = await browser.PostLoginAsync(name, password, returnUrl);

        Assert.Equal(returnUrl, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("%2F%09%2F127.0.0.1%3A18099%2Fx", "127.0.0.1:18099")]
    [InlineData("%2F%5Cevil.example%2F", "evil.example")]
    [InlineData("%2F%2Fevil.example%2F", "evil.example")]
    [InlineData("%2F%0A%2Fevil.example%2F", "evil.example")]
    public async Task LoginPage_ForeignReturnUrl_IsNotInTheForm(string query, string host)
    {
        using var browser = new BrowserSession(Server.BaseAddress);

        var html = await browser.Http.GetStringAsync($"/login?returnUrl={query}");

        Assert.Contains("data-testid=\"login-form\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(host, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_LocalReturnUrl_IsInTheForm()
    {
        using var browser = new BrowserSession(Server.BaseAddress);

        var html = await browser.Http.GetStringAsync("/login?returnUrl=%2Fincidents%2F7");

        Assert.Contains("value=\"/incidents/7\"", html, StringComparison.Ordinal);
    }

    private async Task<(string Name, string Password)> UserAsync()
    {
        var name = $"ret{Guid.NewGuid():N}"[..16];
        await Server.CreateUserWithTokenAsync(name, Role.Viewer);
        return (name, RunningServer.UserPassword);
    }
}
