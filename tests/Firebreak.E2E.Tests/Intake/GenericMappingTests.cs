using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Intake;

[Collection(UiCollection.Name)]
public sealed class GenericMappingTests(UiFixture ui)
{
    [Fact]
    public async Task GenericMapping_EditDryRunAndSave_ShowsTheAlertsAndNamesTheBadField()
    {
        using var created = await ui.Api.PostAsJsonAsync("/api/v1/integrations", new { name = "status page checks", kind = "generic" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, $"/integrations/{id}");
        await Expect(page.GetByTestId("mapping-default")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("snippet").Last).ToContainTextAsync($"/integrations/generic/");

        await page.GetByTestId("mapping-alerts").FillAsync("data.checks");
        await page.GetByTestId("mapping-dedupKey").FillAsync("{{host}}/{{check}}");
        await page.GetByTestId("mapping-summary").FillAsync("{{check}} failing on {{host}}");
        await page.GetByTestId("mapping-severity-path").FillAsync("priority");
        await page.GetByTestId("mapping-severity-map").FillAsync("P1=critical\nP5=loud");
        await page.GetByTestId("mapping-sample").FillAsync("""{"data": {"checks": [{"host": "web-1", "check": "https", "priority": "P1", "state": "ok"}]}}""");

        // The dry run uses the mapping as edited, and marks the field it cannot use.
        await page.GetByTestId("mapping-dry-run-submit").ClickAsync();
        await Expect(page.GetByTestId("mapping-error-severity")).ToContainTextAsync("map.P5: 'loud' is not a severity");
        await Expect(page.GetByTestId("mapping-dry-run-error")).ToContainTextAsync("Fix the fields marked in red");

        await page.GetByTestId("mapping-severity-map").FillAsync("P1=critical");
        await page.GetByTestId("mapping-dry-run-submit").ClickAsync();
        await Expect(page.GetByTestId("mapping-result-dedup")).ToHaveTextAsync("web-1/https");
        await Expect(page.GetByTestId("mapping-result-summary")).ToHaveTextAsync("https failing on web-1");
        await Expect(page.GetByTestId("mapping-result-severity")).ToHaveTextAsync("critical");
        await Expect(page.GetByTestId("mapping-result-action")).ToHaveTextAsync("resolve");

        await page.GetByTestId("mapping-save").ClickAsync();
        await Expect(page.GetByTestId("mapping-saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("mapping-default")).ToHaveCountAsync(0);
        await ui.ScreenshotAsync(page, "28-generic-mapping");

        await page.GotoLiveAsync($"/integrations/{id}");
        await Expect(page.GetByTestId("mapping-alerts")).ToHaveValueAsync("data.checks");
        await Expect(page.GetByTestId("snippet").Last).ToContainTextAsync("\"checks\"");
    }
}
