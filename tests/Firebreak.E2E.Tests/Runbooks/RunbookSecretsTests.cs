using Firebreak.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Runbooks;

/// <summary>An admin sets a runbook secret in the browser; its value is never shown again, and removing it asks first.</summary>
[Collection(UiCollection.Name)]
public sealed class RunbookSecretsTests(UiFixture ui)
{
    public static TheoryData<int, int, string> Sizes => Screens.DesktopLightAndPhoneDark;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task ASecretIsSetOnce_ShownOnlyByName_AndRemovedOnlyAfterAsking(int width, int height, string scheme)
    {
        var name = $"tok_{width}{scheme}{Guid.NewGuid():N}"[..20];
        var value = $"value-{Guid.NewGuid():N}";
        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, "/runbook-secrets");

        await page.GetByTestId("secret-name").FillAsync(name);
        await page.GetByTestId("secret-value").FillAsync(value);
        await page.GetByTestId("secret-save").ClickAsync();

        var row = page.GetByTestId("secret-row").Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync($"set by {ServerProcess.AdminUser}");
        await Expect(page.GetByTestId("secret-value")).ToHaveValueAsync("");
        Assert.DoesNotContain(value, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoLiveAsync("/runbook-secrets");
        Assert.DoesNotContain(value, await page.ContentAsync(), StringComparison.Ordinal);
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"runbook-secrets-{width}-{scheme}");

        await row.GetByTestId("secret-remove").ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        await row.GetByTestId("secret-remove-confirm").ClickAsync();
        await Expect(page.GetByTestId("secret-row").Filter(new() { HasText = name })).ToHaveCountAsync(0);
    }
}
