using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Analytics;

/// <summary>The analytics page draws its charts as SVG with their tables and fits a phone without scrolling sideways.</summary>
[Collection(UiCollection.Name)]
public sealed class AnalyticsPageTests(UiFixture ui)
{
    public static TheoryData<int, int> Sizes => Screens.DesktopAndPhone;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Page_ShowsSvgChartsWithTheirTables_WithoutSidewaysScroll(int width, int height)
    {
        int number;
        using (var declared = await ui.Api.PostAsJsonAsync("/api/v1/incidents", new { title = $"Queue backs up {width}", severity = "SEV-2" }))
        {
            declared.EnsureSuccessStatusCode();
            number = (await declared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        }

        using (var resolved = await ui.Api.PostAsJsonAsync($"/api/v1/incidents/{number}/resolve", new { text = "drained" }))
        {
            resolved.EnsureSuccessStatusCode();
        }

        await using var context = await ui.NewContextAsync(width, height);
        var page = await context.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword);
        await page.GotoAsync("/analytics");

        await Expect(page.GetByTestId("chart-weeks").Locator("svg rect").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-ttr").Locator("svg")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("table-weeks")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("table-severity")).ToContainTextAsync("SEV-2");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSV" }).First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/api/v1/analytics/weeks\\.csv"));
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"analytics-{width}");
    }
}
