using Firebreak.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Account;

[Collection(UiCollection.Name)]
public sealed class SignInTests(UiFixture ui)
{
    [Fact]
    public async Task SignIn_RightPassword_OpensIncidentList()
    {
        await using var context = await ui.NewContextAsync();

        var page = await context.SignInWithFormAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);

        await Expect(page).ToHaveURLAsync(new Uri(ui.Server.BaseAddress, "/").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Incidents");
        await Expect(page.GetByTestId("nav-declare")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndStaysSignedOut()
    {
        await using var context = await ui.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));

        await page.GetByTestId("login-username").FillAsync(ServerProcess.AdminUser);
        await page.GetByTestId("login-password").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Wrong username or password. Check both and try again.");
        await Expect(page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        await ui.ScreenshotAsync(page, "00-login-wrong-password");
    }
}
