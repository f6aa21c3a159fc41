using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Support;

/// <summary>Steps every UI test takes: sign in, open a page and wait until it is live.</summary>
public static class Ui
{
    public static async Task<IPage> SignInAsync(this IBrowserContext context, string username, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("login-username").FillAsync(username);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync(username);
        await page.WaitForInteractiveAsync();
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
    public static Task WaitForInteractiveAsync(this IPage page) =>
        Expect(page.Locator("main[data-interactive='true']")).ToBeAttachedAsync();
}
