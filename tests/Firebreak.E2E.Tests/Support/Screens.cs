using Microsoft.Playwright;

namespace Firebreak.E2E.Tests.Support;

/// <summary>The two screens every page is checked on: a laptop and a phone.</summary>
public static class Screens
{
    public static TheoryData<int, int> DesktopAndPhone => new() { { 1400, 900 }, { 390, 844 } };

    public static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the page scrolls sideways: {widths[0]}px of content in {widths[1]}px");
    }
}
