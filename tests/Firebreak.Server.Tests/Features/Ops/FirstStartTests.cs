using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Ops;

/// <summary>A new user's first start: nothing alarming on the console, and a sign-in that outlives a restart.</summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task FreshDatabase_MigratesWithoutAWarning()
    {
        using var data = new TempDir();

        var run = await FirebreakProcess.RunAsync(new Dictionary<string, string?>(), "migrate", "--data", data.Path);

        Assert.Equal(0, run.ExitCode);
        var output = run.Out + run.Error;
        Assert.DoesNotContain("warn", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("partially applied", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Each start gets its own, empty home folder, as a container or a service account without one would: what signs
    /// cookies must live with the data, not in the home folder ASP.NET falls back to.
    /// </summary>
    [Fact]
    public async Task ASignIn_SurvivesARestartOfTheServer()
    {
        using var data = new TempDir();
        using var home1 = new TempDir();
        using var home2 = new TempDir();
        string cookie;
        Uri url;
        await using (var first = await ChildServer.StartAsync(data.Path, new Dictionary<string, string> { ["HOME"] = home1.Path }))
        {
            using var browser = new BrowserSession(first.Url);
            await browser.SignInAsync("admin", ChildServer.AdminPassword);
            (cookie, url) = (browser.CookieHeader, first.Url);
            Assert.True(await BrowserSession.CookieWorksAsync(url, cookie, "admin"));
        }

        await using var second = await ChildServer.StartAsync(data.Path, new Dictionary<string, string> { ["HOME"] = home2.Path });

        Assert.True(await BrowserSession.CookieWorksAsync(second.Url, cookie, "admin"),
            "the cookie from before the restart was refused: the keys that sign cookies did not survive it");
    }
}
