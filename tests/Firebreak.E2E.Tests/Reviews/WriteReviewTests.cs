using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Reviews;

/// <summary>The commander writes the review a resolved incident opened, sees blame wording flagged, submits and publishes it.</summary>
[Collection(UiCollection.Name)]
public sealed class WriteReviewTests(UiFixture ui)
{
    public static TheoryData<int, int, string> Sizes => Screens.DesktopLightAndPhoneDark;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AResolvedIncidentsDraft_IsWrittenSubmittedAndPublished_WhichClosesTheIncident(int width, int height, string scheme)
    {
        var id = $"{width}{scheme}{Guid.NewGuid():N}"[..16];
        int number;
        using (var declared = await ui.Api.PostAsJsonAsync("/api/v1/incidents", new { title = $"Search returns nothing {id}", severity = "SEV-2", commander = UiFixture.Responder }))
        {
            declared.EnsureSuccessStatusCode();
            number = (await declared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        }

        using (var resolved = await ui.Api.PostAsJsonAsync($"/api/v1/incidents/{number}/resolve", new { text = "index rebuilt" }))
        {
            resolved.EnsureSuccessStatusCode();
        }

        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword, $"/incidents/{number}");
        await Expect(page.GetByTestId("incident-review-status")).ToHaveTextAsync("Draft");
        await Expect(page.GetByTestId("incident-review-link")).ToHaveAttributeAsync("href", $"/incidents/{number}/review");
        await page.GotoLiveAsync($"/incidents/{number}/review");
        await Expect(page.GetByTestId("review-heading")).ToContainTextAsync($"Search returns nothing {id}");

        await Expect(page.GetByTestId("review-metric").Filter(new() { HasText = "Time to acknowledge" })).ToContainTextAsync("target 15m");
        await page.GetByTestId("review-proximateCause").FillAsync("Human error: the operator should have checked the index.");
        await page.GetByTestId("review-proximateCause").BlurAsync();
        await Expect(page.GetByTestId("blame-flag")).ToHaveCountAsync(2);
        await page.GetByTestId("review-proximateCause").FillAsync("A reindex job ran against the live index because the job has no environment guard.");
        await page.GetByTestId("review-proximateCause").BlurAsync();
        await Expect(page.GetByTestId("blame-flag")).ToHaveCountAsync(0);
        await page.GetByTestId("review-lessons").FillAsync("Jobs that rewrite data refuse to run without an explicit target.");
        await page.GetByTestId("review-impact-users").FillAsync("3,400");
        await page.GetByTestId("review-impact-sla").SelectOptionAsync("no");
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"review-editor-{width}-{scheme}");

        await page.GetByTestId("review-action-title").FillAsync($"Guard reindex jobs {id}");
        await page.GetByTestId("review-action-owner").FillAsync(UiFixture.Responder);
        await page.GetByTestId("review-action-due").FillAsync("2030-01-15");
        await page.GetByTestId("review-action-add").ClickAsync();
        await Expect(page.GetByTestId("review-action-item")).ToContainTextAsync($"Guard reindex jobs {id}");
        await Expect(page.GetByTestId("review-lessons")).ToHaveValueAsync("Jobs that rewrite data refuse to run without an explicit target.");

        // Printed (or saved as PDF) it is the document alone: no navigation, buttons or forms.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByTestId("review-actions")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("review-action-add-form")).ToBeHiddenAsync();
        await Expect(page.Locator(".topbar")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("review-action-item")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GetByTestId("review-submit").ClickAsync();
        await Expect(page.GetByTestId("review-status")).ToHaveTextAsync("In review");
        await page.GetByTestId("review-publish").ClickAsync();
        await Expect(page.GetByTestId("review-status")).ToHaveTextAsync("Published");
        await Expect(page.GetByTestId("review-proximateCause")).ToContainTextAsync("no environment guard");
        await Expect(page.GetByTestId("review-impact")).ToContainTextAsync("3,400");
        await Expect(page.GetByTestId("review-action-item")).ToContainTextAsync("2030-01-15");
        await Screens.AssertNoSidewaysScrollAsync(page);

        await page.GotoLiveAsync($"/incidents/{number}");
        await Expect(page.GetByTestId("incident-status")).ToHaveAttributeAsync("data-status", "closed");
        await page.GotoLiveAsync("/reviews?show=published");
        await Expect(page.GetByTestId("review-row").Filter(new() { HasText = id })).ToContainTextAsync("Published");
        await Screens.AssertNoSidewaysScrollAsync(page);
    }
}
