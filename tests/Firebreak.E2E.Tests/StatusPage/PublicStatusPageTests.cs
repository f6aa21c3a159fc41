using System.Net.Http.Json;
using Firebreak.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.StatusPage;

/// <summary>The public status page as a customer reads it on a phone with JavaScript off, during an incident.</summary>
[Collection(UiCollection.Name)]
public sealed class PublicStatusPageTests(UiFixture ui)
{
    [Fact]
    public async Task StatusPage_OnAPhoneWithoutJavaScript_ShowsTheActiveIncidentUpdate_WithoutScrollingSideways()
    {
        var slug = await ui.DeclareAsync("Internal: replica lag on db-3", "SEV-2");
        var body = $"Some payments are slow to confirm; a very-long-unbroken-reference-{Guid.NewGuid():N}{Guid.NewGuid():N} is tracked.";
        using (var posted = await ui.Api.PostAsJsonAsync($"/api/v1/incidents/{slug}/public-updates", new { status = "identified", title = "Slow payment confirmations", body }))
        {
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        }

        await using var context = await ui.NewContextAsync(o => o.JavaScriptEnabled = false, 390, 844);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/status");

        var incident = page.GetByTestId("public-incident").Filter(new() { HasText = "Slow payment confirmations" });
        await Expect(incident).ToBeVisibleAsync();
        await Expect(incident.GetByTestId("public-incident-update").First).ToContainTextAsync("Identified");
        await Expect(incident.GetByTestId("public-incident-update").First).ToContainTextAsync(body);
        await Expect(page.Locator("body")).Not.ToContainTextAsync("db-3");
        var width = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(width[0] <= width[1], $"/status is {width[0]} px wide in a {width[1]} px window");
        await ui.ScreenshotAsync(page, "status-page-phone-incident");
    }
}
