using System.Net;
using System.Net.Http.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Admin;

/// <summary>The People page as an admin uses it, on a desktop and on a phone: every destructive change asks first.</summary>
[Collection(UiCollection.Name)]
public sealed class PeoplePageTests(UiFixture ui)
{
    public static TheoryData<int, int> Screens => new() { { 1400, 900 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task People_AddDemoteDisableEnableReset_EachDestructiveStepConfirmed(int width, int height)
    {
        var username = $"pat{width}{Guid.NewGuid():N}"[..14];
        await using var context = await ui.NewContextAsync(width, height);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);
        if (width < 700)
        {
            await page.GotoLiveAsync("/people");
        }
        else
        {
            await page.FollowNavAsync("People");
        }

        await page.GetByTestId("person-add-username").FillAsync(username);
        await page.GetByTestId("person-add-name").FillAsync("Pat Example");
        await page.GetByTestId("person-add-role").SelectOptionAsync("responder");
        await page.GetByTestId("person-add").ClickAsync();
        var password = await page.GetByTestId("one-time-password").InputValueAsync();
        Assert.True(password.Length >= 12);
        Assert.Equal(HttpStatusCode.Created, await SignInStatusAsync(username, password));
        await page.GetByTestId("one-time-password-dismiss").ClickAsync();
        await Expect(page.GetByTestId("one-time-password")).ToHaveCountAsync(0);
        var row = page.Locator($"[data-testid=person-row][data-username='{username}']");
        await Expect(row.GetByTestId("person-role")).ToHaveTextAsync("responder");
        await AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"10-people-{width}");

        await row.GetByTestId("person-role-select").SelectOptionAsync("viewer");
        await Expect(row.GetByTestId("person-confirm")).ToContainTextAsync("signed out everywhere");
        await Expect(row.GetByTestId("person-role")).ToHaveTextAsync("responder");
        await AssertNoSidewaysScrollAsync(page);
        await row.GetByTestId("person-confirm-yes").ClickAsync();
        await Expect(row.GetByTestId("person-role")).ToHaveTextAsync("viewer");

        await row.GetByTestId("person-disable").ClickAsync();
        await Expect(row.GetByTestId("person-disabled")).ToHaveCountAsync(0);
        await row.GetByTestId("person-confirm-no").ClickAsync();
        await Expect(row.GetByTestId("person-disabled")).ToHaveCountAsync(0);
        await row.GetByTestId("person-disable").ClickAsync();
        await row.GetByTestId("person-confirm-yes").ClickAsync();
        await Expect(row.GetByTestId("person-disabled")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(username, password));

        await row.GetByTestId("person-enable").ClickAsync();
        await Expect(row.GetByTestId("person-disabled")).ToHaveCountAsync(0);
        await row.GetByTestId("person-reset").ClickAsync();
        await Expect(page.GetByTestId("one-time-password")).ToHaveCountAsync(0);
        await row.GetByTestId("person-confirm-yes").ClickAsync();
        var fresh = await page.GetByTestId("one-time-password").InputValueAsync();
        Assert.NotEqual(password, fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(username, password));
        Assert.Equal(HttpStatusCode.Created, await SignInStatusAsync(username, fresh));
        await AssertNoSidewaysScrollAsync(page);
    }

    [Fact]
    public async Task People_DemotingTheOnlyAdmin_IsRefusedWithTheReason()
    {
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, "/people");
        var me = page.Locator($"[data-testid=person-row][data-username='{ServerProcess.AdminUser}']");

        await me.GetByTestId("person-role-select").SelectOptionAsync("responder");
        await me.GetByTestId("person-confirm-yes").ClickAsync();

        await Expect(me.GetByTestId("person-error")).ToContainTextAsync("last enabled admin");
        await Expect(me.GetByTestId("person-role")).ToHaveTextAsync("admin");
    }

    [Fact]
    public async Task People_IsForAdminsOnly()
    {
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword);

        await Expect(page.NavLink("People")).ToHaveCountAsync(0);
        await page.GotoAsync("/people");

        await Expect(page.GetByTestId("denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("people-list")).ToHaveCountAsync(0);
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the page scrolls sideways: {widths[0]}px of content in {widths[1]}px");
    }

    private async Task<HttpStatusCode> SignInStatusAsync(string username, string password)
    {
        using var http = new HttpClient { BaseAddress = ui.Server.BaseAddress };
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password, tokenName = "e2e check" });
        return response.StatusCode;
    }
}
