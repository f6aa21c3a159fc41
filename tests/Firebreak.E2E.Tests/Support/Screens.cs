using Microsoft.Playwright;

namespace Firebreak.E2E.Tests.Support;

/// <summary>The two screens every page is checked on: a laptop and a phone.</summary>
public static class Screens
{
    public static TheoryData<int, int> DesktopAndPhone => new() { { 1400, 900 }, { 390, 844 } };

    /// <summary>
    /// Both screens and both schemes, without running every flow four times: the laptop in light, the phone in dark. A
    /// colour hard-coded for one scheme still shows in the other, and each flow still meets both screens.
    /// </summary>
    public static TheoryData<int, int, string> DesktopLightAndPhoneDark => new() { { 1400, 900, "light" }, { 390, 844, "dark" } };

    public static ColorScheme Scheme(string name) => name == "dark" ? ColorScheme.Dark : ColorScheme.Light;

    public static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the page scrolls sideways: {widths[0]}px of content in {widths[1]}px");
    }
}
