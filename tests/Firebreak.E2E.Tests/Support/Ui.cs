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
