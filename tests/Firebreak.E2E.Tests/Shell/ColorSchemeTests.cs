using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;

namespace Firebreak.E2E.Tests.Shell;

/// <summary>Light and dark: the system's choice by default, a header toggle that is remembered.</summary>
[Collection(UiCollection.Name)]
public sealed class ColorSchemeTests(UiFixture ui)
{
    private const string Colours = "() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]";

    [Fact]
    public async Task Page_FollowsSystemColorScheme_LightAndDarkDiffer()
    {
        await using var lightContext = await ui.NewContextAsync(o => o.ColorScheme = ColorScheme.Light);
        var light = await lightContext.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);
        await using var darkContext = await ui.NewContextAsync(o => o.ColorScheme = ColorScheme.Dark);
        var dark = await darkContext.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);

        var lightColours = await light.EvaluateAsync<string[]>(Colours);
        var darkColours = await dark.EvaluateAsync<string[]>(Colours);
        await ui.ScreenshotAsync(light, "70-light");

        Assert.NotEqual(darkColours[0], lightColours[0]);
        Assert.NotEqual(darkColours[1], lightColours[1]);
        Assert.True(Luminance(lightColours[0]) > Luminance(lightColours[1]), $"Light: background {lightColours[0]} should be lighter than text {lightColours[1]}.");
        Assert.True(Luminance(darkColours[0]) < Luminance(darkColours[1]), $"Dark: background {darkColours[0]} should be darker than text {darkColours[1]}.");
    }

    [Fact]
    public async Task ThemeToggle_InLightSystem_SwitchesToDarkAndIsRememberedAcrossReload()
    {
        await using var context = await ui.NewContextAsync(o => o.ColorScheme = ColorScheme.Light);
        var page = await context.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword);
        var before = await page.EvaluateAsync<string[]>(Colours);

        await page.GetByTestId("theme-toggle").ClickAsync();
        var toggled = await page.EvaluateAsync<string[]>(Colours);
        Assert.NotEqual(before[0], toggled[0]);
        Assert.True(Luminance(toggled[0]) < Luminance(toggled[1]), "After the toggle the page should be dark.");

        // Read straight after the document loads, before Blazor starts: the choice is applied before first paint.
        await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(toggled, await page.EvaluateAsync<string[]>(Colours));
        await page.GotoLiveAsync("/alerts");
        Assert.Equal(toggled, await page.EvaluateAsync<string[]>(Colours));

        await page.GetByTestId("theme-toggle").ClickAsync();
        Assert.Equal(before, await page.EvaluateAsync<string[]>(Colours));
    }

    private static double Luminance(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(', StringComparison.Ordinal) + 1)..rgb.IndexOf(')', StringComparison.Ordinal)].Split(',').Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (0.2126 * parts[0]) + (0.7152 * parts[1]) + (0.0722 * parts[2]);
    }
}
