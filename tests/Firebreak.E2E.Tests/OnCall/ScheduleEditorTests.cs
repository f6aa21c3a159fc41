using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.OnCall;

/// <summary>An admin makes a schedule without YAML: people picked from a list, a live preview with its gaps, then saved.</summary>
[Collection(UiCollection.Name)]
public sealed class ScheduleEditorTests(UiFixture ui)
{
    public static TheoryData<int, int, string> Sizes => Screens.DesktopLightAndPhoneDark;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task NewSchedule_PickPeople_PreviewShowsGapsAndProblems_ThenSavesAndEdits(int width, int height, string scheme)
    {
        var key = $"ed-{width}-{Guid.NewGuid():N}"[..16];
        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, "/schedules");
        await page.GetByTestId("schedule-new").ClickAsync();
        await page.WaitForInteractiveAsync();

        await FillAsync(page.GetByTestId("schedule-key"), key);
        await FillAsync(page.GetByTestId("schedule-name"), $"Payments {key}");
        await FillAsync(page.GetByTestId("schedule-zone"), "Etc/UTC");
        var layer = page.GetByTestId("layer-editor").First;
        await Expect(layer.Locator($"[data-testid=layer-person] option[value='{UiFixture.Viewer}']")).ToHaveCountAsync(0);
        foreach (var person in new[] { UiFixture.Responder, ServerProcess.AdminUser })
        {
            await layer.GetByTestId("layer-person").SelectOptionAsync(person);
            await layer.GetByTestId("layer-person-add").ClickAsync();
        }

        await Expect(layer.GetByTestId("layer-participant")).ToHaveCountAsync(2);
        await FillAsync(layer.GetByTestId("layer-shift"), "fortnightly");
        await Expect(page.GetByTestId("schedule-problem").First).ToContainTextAsync("'fortnightly' is not a shift length");
        await FillAsync(layer.GetByTestId("layer-shift"), "daily");
        await layer.GetByTestId("layer-start").FillAsync("2026-01-05T09:00");
        await FillAsync(layer.GetByTestId("layer-restrictions"), "Mon-Fri 09:00-17:00");
        await Expect(page.GetByTestId("preview-gap").First).ToContainTextAsync("nobody on call");
        await Expect(page.GetByTestId("preview-shift").First).ToBeVisibleAsync();
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"41-schedule-editor-{width}-{scheme}");

        await FillAsync(layer.GetByTestId("layer-restrictions"), "");
        await Expect(page.GetByTestId("preview-no-gaps")).ToBeVisibleAsync();
        await page.GetByTestId("schedule-save").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/schedules/{key}$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("layer-spec")).ToContainTextAsync($"{UiFixture.Responder} → {ServerProcess.AdminUser}");

        await page.GetByTestId("schedule-edit").ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("layer-add").ClickAsync();
        var second = page.GetByTestId("layer-editor").Nth(1);
        await FillAsync(second.GetByTestId("layer-name"), "nights");
        await second.GetByTestId("layer-person").SelectOptionAsync(UiFixture.Responder);
        await second.GetByTestId("layer-person-add").ClickAsync();
        await Expect(page.GetByTestId("preview-no-gaps")).ToBeVisibleAsync();
        await Screens.AssertNoSidewaysScrollAsync(page);
        await page.GetByTestId("schedule-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/schedules/{key}$"));
        await Expect(page.GetByTestId("layer-spec")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Editor_IsForAdminsOnly()
    {
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword, "/schedules");
        await Expect(page.GetByTestId("schedule-new")).ToHaveCountAsync(0);
        await page.GotoAsync("/schedules/new");
        await Expect(page.GetByTestId("schedule-form")).ToHaveCountAsync(0);
    }

    // Blazor binds on change, which a browser fires when the field loses focus.
    private static async Task FillAsync(ILocator input, string value)
    {
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }
}
