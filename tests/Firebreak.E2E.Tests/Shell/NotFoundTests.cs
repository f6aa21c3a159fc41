using System.Text.RegularExpressions;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Shell;

/// <summary>A mistyped address lands inside the app, with its navigation and a way home, not on the browser's error page.</summary>
[Collection(UiCollection.Name)]
public sealed class NotFoundTests(UiFixture ui)
{
    [Theory]
    [InlineData(1400, 900)]
    [InlineData(390, 844)]
    public async Task UnknownAddress_ShowsNotFoundInsideTheLayout_WithALinkHome(int width, int height)
    {
        await using var context = await ui.NewContextAsync(width, height);
        var page = await context.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword);

        var response = await page.GotoAsync("/no-such-page/here");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav")).ToBeAttachedAsync();
        await page.GetByTestId("not-found").GetByRole(AriaRole.Link, new() { Name = "Back to incidents" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await ui.ScreenshotAsync(page, $"76-not-found-{width}");
    }

    [Fact]
    public async Task UnknownApiRoute_StaysProblemJson()
    {
        using var response = await ui.Api.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
