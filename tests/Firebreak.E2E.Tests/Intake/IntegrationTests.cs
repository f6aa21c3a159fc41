using System.Globalization;
using System.Text.RegularExpressions;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Intake;

[Collection(UiCollection.Name)]
public sealed partial class IntegrationTests(UiFixture ui)
{
    [Fact]
    public async Task SendTestEvent_FromIntegrationPage_IncidentAppearsLiveElsewhereWithItsAlert()
    {
        await using var adminContext = await ui.NewContextAsync();
        var admin = await adminContext.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);
        await admin.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Integrations" }).ClickAsync();
        await admin.WaitForInteractiveAsync();
        await admin.GetByTestId("integration-name").FillAsync("prod Alertmanager");
        await admin.GetByTestId("integration-kind").SelectOptionAsync("alertmanager");
        await admin.GetByTestId("integration-rate").FillAsync("120");
        await admin.GetByTestId("integration-create").ClickAsync();

        await Expect(admin.GetByTestId("integration-title")).ToHaveTextAsync("prod Alertmanager");
        await Expect(admin.GetByTestId("integration-url")).ToHaveValueAsync(new Regex("/integrations/alertmanager/[0-9a-f]{32}$"));
        await Expect(admin.GetByTestId("snippet").First).ToContainTextAsync("webhook_configs");
        await ui.ScreenshotAsync(admin, "20-integration-created");

        // Someone else watching the incident list, in their own session, must see the incident arrive without reloading.
        await using var viewerContext = await ui.NewContextAsync();
        var viewer = await viewerContext.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword);
        await viewer.EvaluateAsync("() => window.firebreakE2eMarker = 'still here'");

        await admin.GetByTestId("send-test").ClickAsync();
        var opened = admin.GetByTestId("test-incident-link");
        await Expect(opened).ToHaveTextAsync(new Regex(@"Opened incident INC-\d+ →"));
        var number = int.Parse(NumberIn().Match(await opened.InnerTextAsync()).Value, CultureInfo.InvariantCulture);
        await ui.ScreenshotAsync(admin, "21-test-event-sent");

        var row = viewer.Locator($"[data-testid='incident-row'][data-number='{number}']");
        await Expect(row).ToContainTextAsync("Test event from Firebreak, sent by admin");
        Assert.Equal("still here", await viewer.EvaluateAsync<string>("() => window.firebreakE2eMarker"));
        await ui.ScreenshotAsync(viewer, "22-incident-list-live");

        await row.GetByTestId("incident-link").ClickAsync();
        var alertLink = viewer.GetByTestId("incident-alert-link");
        await Expect(alertLink).ToHaveTextAsync("Test event from Firebreak, sent by admin");
        await ui.ScreenshotAsync(viewer, "23-incident-with-alert");
        await alertLink.ClickAsync();
        await Expect(viewer.GetByTestId("alert-summary")).ToHaveTextAsync("Test event from Firebreak, sent by admin");
        await Expect(viewer.GetByTestId("alert-labels")).ToContainTextAsync("FirebreakTest");
        await Expect(viewer.GetByTestId("alert-event")).ToContainTextAsync("trigger");
        await ui.ScreenshotAsync(viewer, "24-alert-detail");

        await viewer.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Alerts", Exact = true }).ClickAsync();
        var listed = viewer.GetByTestId("alert-row").Filter(new LocatorFilterOptions { HasText = "Test event from Firebreak, sent by admin" });
        await Expect(listed.GetByTestId("alert-incident")).ToHaveTextAsync($"INC-{number}");
        await ui.ScreenshotAsync(viewer, "25-alert-list");
    }

    [Fact]
    public async Task Integrations_Responder_IsDenied()
    {
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword);

        await Expect(page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Integrations" })).ToHaveCountAsync(0);
        await page.GotoAsync("/integrations");

        await Expect(page.GetByTestId("denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("integration-form")).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex NumberIn();
}
