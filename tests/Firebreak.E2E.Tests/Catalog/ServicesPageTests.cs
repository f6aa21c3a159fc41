using System.Net.Http.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Catalog;

/// <summary>Services made and edited on their page by an admin, read by everyone else; on a desktop and a phone.</summary>
[Collection(UiCollection.Name)]
public sealed class ServicesPageTests(UiFixture ui)
{
    public static TheoryData<int, int, string> Sizes => Screens.DesktopLightAndPhoneDark;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Services_AdminCreatesAndEdits_ViewerOnlyReads(int width, int height, string scheme)
    {
        var suffix = $"{width}{Guid.NewGuid():N}"[..10];
        var team = $"team-{suffix}";
        var policy = $"pol-{suffix}";
        var key = $"svc-{suffix}";
        await ui.Server.ApplyConfigAsync($"""
            teams:
              - key: {team}
                name: Team {suffix}
            """);
        using (var put = await ui.Api.PutAsJsonAsync($"/api/v1/escalation-policies/{policy}",
            new { name = $"Page {suffix}", steps = new[] { new { targets = new[] { $"user:{UiFixture.Responder}" }, delay = "10m" } } }))
        {
            put.EnsureSuccessStatusCode();
        }

        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, "/services");
        await page.GetByTestId("service-new").ClickAsync();
        await page.GetByTestId("service-key").FillAsync(key);
        await page.GetByTestId("service-name-input").FillAsync($"Ledger {suffix}");
        await page.GetByTestId("service-team-select").SelectOptionAsync(team);
        await page.GetByTestId("service-policy-select").SelectOptionAsync(policy);
        await page.GetByTestId("service-zone-input").FillAsync("Europe/Berlin");
        await page.GetByTestId("service-auto-resolve-select").SelectOptionAsync("monitoring");
        await Screens.AssertNoSidewaysScrollAsync(page);
        await page.GetByTestId("service-save").ClickAsync();

        var row = page.Locator($"[data-testid=service-row][data-key='{key}']");
        await Expect(row.GetByTestId("service-name")).ToHaveTextAsync($"Ledger {suffix}");
        await Expect(row.GetByTestId("service-team")).ToHaveTextAsync(team);
        await Expect(row.GetByTestId("service-policy")).ToContainTextAsync(policy);
        await Expect(row.GetByTestId("service-zone")).ToHaveTextAsync("Europe/Berlin");
        await Expect(row.GetByTestId("service-auto-resolve")).ToHaveTextAsync("to monitoring");

        await page.GetByTestId("service-new").ClickAsync();
        await page.GetByTestId("service-key").FillAsync(key);
        await page.GetByTestId("service-name-input").FillAsync("Duplicate");
        await page.GetByTestId("service-zone-input").FillAsync("Mars/Olympus");
        await page.GetByTestId("service-save").ClickAsync();
        await Expect(page.GetByTestId("service-form")).ToContainTextAsync("Mars/Olympus");
        await page.GetByTestId("service-zone-input").FillAsync("");
        await page.GetByTestId("service-save").ClickAsync();
        await Expect(page.GetByTestId("service-error")).ToContainTextAsync($"A service '{key}' already exists");
        await page.GetByTestId("service-cancel").ClickAsync();

        await row.GetByTestId("service-edit").ClickAsync();
        await row.GetByTestId("service-name-input").FillAsync($"General ledger {suffix}");
        await row.GetByTestId("service-policy-select").SelectOptionAsync("");
        await row.GetByTestId("service-save").ClickAsync();
        await Expect(row.GetByTestId("service-name")).ToHaveTextAsync($"General ledger {suffix}");
        await Expect(row.GetByTestId("service-policy")).ToContainTextAsync("no policy");
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"45-services-{width}-{scheme}");

        await using var viewerContext = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var viewer = await viewerContext.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword, "/services");
        await Expect(viewer.Locator($"[data-testid=service-row][data-key='{key}']")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("service-new")).ToHaveCountAsync(0);
        await Expect(viewer.GetByTestId("service-edit")).ToHaveCountAsync(0);
    }
}
