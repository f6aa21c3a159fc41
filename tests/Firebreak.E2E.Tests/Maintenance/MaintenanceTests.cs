using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Maintenance;

[Collection(UiCollection.Name)]
public sealed class MaintenanceTests(UiFixture ui)
{
    // Services come from config as code; a weekly window rides along to show both ways of adding one meet on this page.
    private const string Config = """
        services:
          - key: e2e-payments
            name: Payments gateway
            time_zone: Europe/Berlin
        maintenance:
          - service: e2e-payments
            reason: Sunday patching
            days: [sun]
            start: "03:00"
            duration: 2h
        """;

    [Fact]
    public async Task AddOneOffWindow_Admin_ListedAsActiveThenRemoved()
    {
        await ui.Server.ApplyConfigAsync(Config);
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);
        await page.FollowNavAsync("Maintenance");
        var weekly = page.Locator("[data-testid='maintenance-row'][data-reason='Sunday patching']");
        await Expect(weekly.GetByTestId("maintenance-recurrence")).ToHaveTextAsync("every Sunday at 03:00 for 2h (Europe/Berlin)");

        // The form starts now and lasts an hour unless changed: the usual "we are going in now" window.
        await page.GetByTestId("maintenance-service").SelectOptionAsync("e2e-payments");
        await page.GetByTestId("maintenance-reason").FillAsync("Card network failover drill");
        await page.GetByTestId("maintenance-create").ClickAsync();

        var added = page.Locator("[data-testid='maintenance-row'][data-reason='Card network failover drill']");
        await Expect(added.GetByTestId("maintenance-state")).ToHaveTextAsync("Active now");
        await Expect(added).ToContainTextAsync("Payments gateway");
        await Expect(added.GetByTestId("maintenance-recurrence")).ToContainTextAsync("once, ");
        await ui.ScreenshotAsync(page, "30-maintenance-active");

        await added.GetByTestId("maintenance-remove").ClickAsync();
        await added.GetByTestId("maintenance-remove-confirm").ClickAsync();
        await Expect(added).ToHaveCountAsync(0);
        await Expect(weekly).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task WeeklyWindow_NoDays_SaysSoUnderTheSchedule()
    {
        await ui.Server.ApplyConfigAsync(Config);
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, "/maintenance");

        await page.GetByTestId("maintenance-reason").FillAsync("No days chosen");
        await page.GetByTestId("maintenance-kind").SelectOptionAsync("weekly");
        await page.GetByTestId("maintenance-create").ClickAsync();

        await Expect(page.GetByTestId("error-schedule")).ToContainTextAsync("at least one day");
        await ui.ScreenshotAsync(page, "31-maintenance-weekly-error");
        await Expect(page.Locator("[data-testid='maintenance-row'][data-reason='No days chosen']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Maintenance_Viewer_SeesWindowsButCannotChangeThem()
    {
        await ui.Server.ApplyConfigAsync(Config);
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword, "/maintenance");

        await Expect(page.Locator("[data-testid='maintenance-row'][data-reason='Sunday patching']")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("maintenance-form")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("maintenance-remove")).ToHaveCountAsync(0);
    }
}
