using System.Net;
using System.Text.RegularExpressions;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Storage;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Http;

/// <summary>
/// Firebreak behind a real nginx that terminates "TLS" (it says <c>X-Forwarded-Proto: https</c>) and is the only
/// trusted proxy: the browser's cookie is Secure, HSTS is sent, and each client, not the proxy, has its own sign-in
/// limit. Forwarded headers from anyone else are ignored. Not per provider: nothing here touches stored data.
/// </summary>
public sealed partial class ReverseProxyTests(NginxFixture fixture) : IClassFixture<NginxFixture>
{
    private const string PublicHost = "firebreak.example";

    private RunningServer Server => fixture.Server;

    private HttpClient ThroughNginx(string clientAddress)
    {
        var client = RealNginx.ClientFrom(clientAddress, fixture.Nginx.Url);
        client.DefaultRequestHeaders.Host = PublicHost;
        return client;
    }

    [Fact]
    public async Task ThroughNginx_HttpsForwarded_SignInCookieIsSecure_WithHstsAndNosniff()
    {
        using var browser = ThroughNginx("127.0.0.6");

        using var signIn = await SignInAsync(browser);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("firebreak=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", Assert.Single(signIn.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(signIn.Headers.GetValues("X-Content-Type-Options")));
        var audited = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Action == "auth.sign_in" && a.Resource == "user/rita")
            .OrderByDescending(a => a.Id).Select(a => a.SourceAddress).FirstAsync());
        Assert.Equal("127.0.0.6", audited);
    }

    [Fact]
    public async Task ThroughNginx_EachClientHasItsOwnSignInBucket_AndASpoofedForwardedForDoesNotLeaveIt()
    {
        using var first = ThroughNginx("127.0.0.3");
        using var second = ThroughNginx("127.0.0.4");

        for (var i = 0; i < NginxFixture.AttemptsPerMinute; i++)
        {
            await first.PostJsonAsync("/api/v1/auth/token", s_wrongPassword).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }

        await first.PostJsonAsync("/api/v1/auth/token", s_wrongPassword).ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        using var spoofed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent(s_wrongPassword) };
        spoofed.Headers.Add("X-Forwarded-For", "203.0.113.77");
        await first.SendAsync(spoofed).ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        await second.PostJsonAsync("/api/v1/auth/token", s_wrongPassword).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DirectFromAnUntrustedAddress_ForwardedHeadersAreIgnored()
    {
        using var direct = RealNginx.ClientFrom("127.0.0.5", Server.BaseAddress);
        using var browser = RealNginx.ClientFrom("127.0.0.7", Server.BaseAddress);
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.1");

        for (var i = 0; i <= NginxFixture.AttemptsPerMinute; i++)
        {
            using var attempt = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent(s_wrongPassword) };
            attempt.Headers.Add("X-Forwarded-For", $"198.51.100.{10 + i}");
            attempt.Headers.Add("X-Forwarded-Proto", "https");
            await direct.SendAsync(attempt).ExpectProblemAsync(i < NginxFixture.AttemptsPerMinute ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests);
        }

        using var signIn = await SignInAsync(browser);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("firebreak=", StringComparison.Ordinal));
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(signIn.Headers.Contains("Strict-Transport-Security"));
        var audited = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Action == "auth.sign_in_failed")
            .Select(a => a.SourceAddress).Distinct().ToListAsync());
        Assert.DoesNotContain(audited, a => a != null && a.StartsWith("198.51.100.", StringComparison.Ordinal));
    }

    private static readonly object s_wrongPassword = new { username = "rita", password = "not-her-password" };

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, HttpTesting.Json), System.Text.Encoding.UTF8, "application/json");

    /// <summary>The browser's sign-in: the form page (antiforgery token and cookie), then the form post.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser)
    {
        using var page = await browser.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = "rita",
                ["password"] = RunningServer.UserPassword,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", cookies);
        return await browser.SendAsync(post);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class NginxFixture : IAsyncLifetime
{
    public const int AttemptsPerMinute = 2;

    public RunningServer Server { get; private set; } = null!;

    public RealNginx Nginx { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Firebreak:Proxy:KnownProxies"] = RealNginx.ProxyAddress,
            ["Firebreak:PublicUrl"] = "https://firebreak.example",
            ["Firebreak:SignInAttemptsPerMinute"] = AttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Nginx = await RealNginx.StartAsync(Server.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await Nginx.DisposeAsync();
        await Server.DisposeAsync();
    }
}
