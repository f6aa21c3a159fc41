using System.Net;
using System.Net.Http.Headers;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Account;

[Collection(UiCollection.Name)]
public sealed class TokensTests(UiFixture ui)
{
    [Fact]
    public async Task Token_CreatedInUi_WorksOnceCopiedAndStopsWhenRevoked()
    {
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword, "/tokens");
        await Expect(page.GetByTestId("token-role").Locator("option")).ToHaveTextAsync(["viewer", "responder"]);

        await page.GetByTestId("token-name").FillAsync("laptop CLI");
        await page.GetByTestId("token-create").ClickAsync();

        var secretBox = page.GetByTestId("token-secret");
        await Expect(secretBox).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^fbk_"));
        var secret = await secretBox.InputValueAsync();
        var row = page.GetByTestId("token-row").Filter(new LocatorFilterOptions { HasText = "laptop CLI" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).Not.ToContainTextAsync(secret);
        await ui.ScreenshotAsync(page, "08-token-created");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(secret));

        await page.GetByTestId("token-dismiss").ClickAsync();
        await Expect(page.GetByTestId("token-secret")).ToHaveCountAsync(0);
        await row.GetByTestId("token-revoke").ClickAsync();
        await row.GetByTestId("token-revoke-confirm").ClickAsync();
        await Expect(row).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(secret));
    }

    private async Task<HttpStatusCode> MeAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = ui.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        return response.StatusCode;
    }
}
