using System.Net;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Components;

/// <summary>An address nothing answers: a browser gets the app's 404 page inside its layout; an API client a problem document.</summary>
public abstract class NotFoundPageTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/incidents/42/no-such-tab")]
    public async Task UnknownBrowserAddress_SignedIn_Is404InsideTheLayout(string path)
    {
        using var browser = new BrowserSession(Server.BaseAddress);
        await browser.SignInAsync("vera", RunningServer.UserPassword);

        using var response = await browser.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-testid=\"not-found\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"topbar\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"nav\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownBrowserAddress_SignedOut_Is404WithoutData()
    {
        using var response = await Server.Anonymous.GetAsync("/no-such-page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("data-testid=\"not-found\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"nav\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/integrations/no-such-kind/key")]
    public async Task UnknownApiAddress_IsStillAProblemDocument(string path)
    {
        using var response = await Server.Viewer.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task KnownEndpointsOwnBareStatus_IsNotTurnedIntoTheNotFoundPage()
    {
        // A feed with a wrong token answers 404 itself: a calendar client should not get a web page.
        using var response = await Server.Anonymous.GetAsync("/calendars/users/vera/not-a-token.ics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("data-testid=\"not-found\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class NotFoundPageTests_Sqlite(SqliteServerFixture f) : NotFoundPageTests(f), IClassFixture<SqliteServerFixture>;

public sealed class NotFoundPageTests_Postgres(PostgresServerFixture f) : NotFoundPageTests(f), IClassFixture<PostgresServerFixture>;
