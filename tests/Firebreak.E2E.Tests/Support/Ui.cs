using System.Collections.Concurrent;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Support;

/// <summary>Steps every UI test takes: sign in, open a page and wait until it is live.</summary>
public static class Ui
{
    private const string SessionCookie = "firebreak";

    // Signing in through the form costs every test a page load, a password hash and a redirect; after the first time a
    // person's session cookie is handed to the next context. Only that cookie: others belong to the context they came from.
    private static readonly ConcurrentDictionary<(string Username, string Password), Cookie> s_sessions = new();

    /// <summary>
    /// Signed in as the person, live on <paramref name="path"/> (the home page unless given): with their session from an
    /// earlier test, or through the form. Landing where the test starts spares it loading the home page first.
    /// </summary>
    public static async Task<IPage> SignInAsync(this IBrowserContext context, string username, string password, string path = "/")
    {
        if (s_sessions.TryGetValue((username, password), out var session))
        {
            await context.AddCookiesAsync([session]);
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            if (!page.Url.Contains("/login", StringComparison.Ordinal)
                && await page.GetByTestId("signed-in-as").TextContentAsync() is { } who && who.Contains(username, StringComparison.Ordinal))
            {
                await page.WaitForInteractiveAsync();
                return page;
            }

            // Signed out or revoked since: sign in again as a person would.
            s_sessions.TryRemove((username, password), out _);
            await context.ClearCookiesAsync();
            await page.CloseAsync();
        }

        return await context.SignInWithFormAsync(username, password, path);
    }

    /// <summary>Signs in through the login form, always; remembers the session for <see cref="SignInAsync"/>.</summary>
    public static async Task<IPage> SignInWithFormAsync(this IBrowserContext context, string username, string password, string path = "/")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path == "/" ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(path)}");
        await page.GetByTestId("login-username").FillAsync(username);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync(username);
        await page.WaitForInteractiveAsync();
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == SessionCookie);
        s_sessions[(username, password)] = new Cookie
        {
            Name = cookie.Name,
            Value = cookie.Value,
            Domain = cookie.Domain,
            Path = cookie.Path,
            Expires = cookie.Expires,
            HttpOnly = cookie.HttpOnly,
            Secure = cookie.Secure,
            SameSite = cookie.SameSite,
        };
        return page;
    }

    /// <summary>
    /// Follows a link of the main navigation as a person would: through the phone's menu button, or on a wide screen
    /// the menu of its group (the account menu holds the Settings group), when the link is folded away.
    /// </summary>
    public static async Task FollowNavAsync(this IPage page, string linkName)
    {
        var link = page.GetByTestId("nav").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = linkName, Exact = true });
        if (!await link.IsVisibleAsync() && await page.GetByTestId("nav-menu").IsVisibleAsync())
        {
            await page.GetByTestId("nav-menu").ClickAsync();
        }

        if (!await link.IsVisibleAsync())
        {
            // Role locators skip hidden elements: find the folded link's menu through one that sees it.
            var menu = await page.NavLink(linkName).EvaluateAsync<string>("e => e.closest('[popover]:not(#main-nav)')?.id ?? ''");
            var opener = page.Locator($"[popovertarget='{menu}']");
            if (menu.Length > 0 && await opener.IsVisibleAsync())
            {
                await opener.ClickAsync();
            }
        }

        await link.ClickAsync();
        await page.WaitForInteractiveAsync();
    }

    /// <summary>A navigation link whether or not its menu is open: for checking who is offered it at all.</summary>
    public static ILocator NavLink(this IPage page, string linkName) =>
        page.GetByTestId("nav").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = linkName, Exact = true, IncludeHidden = true });

    public static async Task GotoLiveAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>
    /// Blazor prerenders, and a click on a prerendered button is lost; the layout marks itself once the circuit is live.
    /// </summary>
    // Starting a circuit takes a negotiate, a WebSocket and a first render on a server that shares two cores with the
    // server tests: CI once needed more than the 10 s every other expectation gets, with the page already drawn.
    public static Task WaitForInteractiveAsync(this IPage page) =>
        Expect(page.Locator("main[data-interactive='true']")).ToBeAttachedAsync(new() { Timeout = 30_000 });
}
