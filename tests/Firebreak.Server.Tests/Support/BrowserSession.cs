using System.Net;
using System.Text.RegularExpressions;

namespace Firebreak.Server.Tests.Support;

/// <summary>
/// A browser's side of cookie sign-in over real HTTP: the login form with its antiforgery token, the session cookie,
/// and sign-out through the layout's form. Redirects are not followed, so tests see each Location.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };

    public BrowserSession(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        Http = new HttpClient(_handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>The Cookie header this browser sends, as someone copying it out of the browser would have it.</summary>
    public string CookieHeader => _handler.CookieContainer.GetCookieHeader(BaseAddress);

    /// <summary>Posts the sign-in form as the login page renders it; returns the response (a redirect either way).</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string username, string password, string? returnUrl = null)
    {
        var token = await AntiforgeryAsync("/login");
        var form = new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }

        return await Http.PostAsync("/auth/login", new FormUrlEncodedContent(form));
    }

    public async Task SignInAsync(string username, string password)
    {
        using var response = await PostLoginAsync(username, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    /// <summary>Signs out with the form every signed-in page carries.</summary>
    public async Task SignOutAsync()
    {
        var token = await AntiforgeryAsync("/");
        using var response = await Http.PostAsync("/auth/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The antiforgery token of a form on <paramref name="path"/>.</summary>
    public async Task<string> AntiforgeryAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, $"no antiforgery field on {path} ({(int)response.StatusCode})");
        return match.Groups[1].Value;
    }

    /// <summary>
    /// Whether a request carrying exactly <paramref name="cookieHeader"/> is let into a signed-in page as
    /// <paramref name="username"/>; false when it is sent to sign in.
    /// </summary>
    public static async Task<bool> CookieWorksAsync(Uri baseAddress, string cookieHeader, string username)
    {
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var copy = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await copy.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/login", PathOf(response.Headers.Location), StringComparison.Ordinal);
            return false;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return html.Contains("data-testid=\"signed-in-as\"", StringComparison.Ordinal) && html.Contains(username, StringComparison.Ordinal);
    }

    /// <summary>A Location as a path: the cookie handler sends absolute ones, the sign-in endpoint relative ones.</summary>
    public static string PathOf(Uri? location) => location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
