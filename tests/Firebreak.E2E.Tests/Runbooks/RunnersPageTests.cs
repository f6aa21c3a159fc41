using Firebreak.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Runbooks;

/// <summary>An admin registers a runner from Settings: its token is shown once, and removing it asks first.</summary>
[Collection(UiCollection.Name)]
public sealed class RunnersPageTests(UiFixture ui)
{
    [Fact]
    public async Task ARunnerIsRegisteredWithLabels_ItsTokenShownOnce_AndRemovedOnlyAfterAsking()
    {
        var name = $"prod-{Guid.NewGuid():N}"[..16];
        await using var context = await ui.NewContextAsync(1400, 900);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);
        await page.FollowNavAsync("Runners");

        await page.GetByTestId("runner-name").FillAsync(name);
        await page.GetByTestId("runner-labels").FillAsync("env=prod region");
        await page.GetByTestId("runner-add").ClickAsync();
        await Expect(page.GetByTestId("runner-error")).ToContainTextAsync("key=value");

        await page.GetByTestId("runner-labels").FillAsync("env=prod, region=eu");
        await page.GetByTestId("runner-add").ClickAsync();
        var token = await page.GetByTestId("runner-token").InputValueAsync();
        Assert.StartsWith("fbr_", token, StringComparison.Ordinal);
        var row = page.Locator($"[data-testid='runner-row'][data-name='{name}']");
        await Expect(row.GetByTestId("runner-labels-cell")).ToHaveTextAsync("env=prod, region=eu");
        await Expect(row.GetByTestId("runner-last-seen")).ToHaveTextAsync("never");
        await Expect(row.GetByTestId("runner-jobs")).ToHaveTextAsync("0");
        await ui.ScreenshotAsync(page, "runners-token-once");

        await page.GotoLiveAsync("/runners");
        Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
        await row.GetByTestId("runner-remove").ClickAsync();
        await Expect(row).ToContainTextAsync("Its token stops working at once");
        await row.GetByTestId("runner-remove-confirm").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
    }
}
