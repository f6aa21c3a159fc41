using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
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
        await admin.FollowNavAsync("Integrations");
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

        // A test pages only its sender unless they ask otherwise, and the page says which before anything is sent.
        await Expect(admin.GetByTestId("test-who")).ToContainTextAsync("Pages only you");
        await admin.GetByTestId("test-page-on-call").CheckAsync();
        await Expect(admin.GetByTestId("test-who")).ToContainTextAsync("whoever is on call");
        await admin.GetByTestId("test-page-on-call").UncheckAsync();
        await Expect(admin.GetByTestId("test-who")).ToContainTextAsync("Pages only you");
        await admin.GetByTestId("send-test").ClickAsync();
        await Expect(admin.GetByTestId("test-result")).ToContainTextAsync("Paging only you");
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
        await Expect(viewer.GetByTestId("incident-test")).ToBeVisibleAsync();
        await ui.ScreenshotAsync(viewer, "23-incident-with-alert");
        await alertLink.ClickAsync();
        await Expect(viewer.GetByTestId("alert-summary")).ToHaveTextAsync("Test event from Firebreak, sent by admin");
        await Expect(viewer.GetByTestId("alert-labels")).ToContainTextAsync("FirebreakTest");
        await Expect(viewer.GetByTestId("alert-event")).ToContainTextAsync("trigger");
        await ui.ScreenshotAsync(viewer, "24-alert-detail");

        await viewer.FollowNavAsync("Alerts");
        var listed = viewer.GetByTestId("alert-row").Filter(new LocatorFilterOptions { HasText = "Test event from Firebreak, sent by admin" });
        await Expect(listed.GetByTestId("alert-incident")).ToHaveTextAsync($"INC-{number}");
        await ui.ScreenshotAsync(viewer, "25-alert-list");
    }

    [Fact]
    public async Task CreateIntegration_NoName_SaysSoNextToTheField()
    {
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, "/integrations");

        await page.GetByTestId("integration-rate").FillAsync("0");
        await page.GetByTestId("integration-create").ClickAsync();

        await Expect(page.GetByTestId("error-name")).ToContainTextAsync("Give the integration a name");
        await Expect(page.GetByTestId("error-ratePerMinute")).ToContainTextAsync("between 1 and 1,000,000");
        await Expect(page).ToHaveURLAsync(new Uri(ui.Server.BaseAddress, "/integrations").ToString());
        await ui.ScreenshotAsync(page, "19-integrations-errors");
    }

    [Fact]
    public async Task AlertList_AlertSentBySender_AppearsLiveAndShowsDetailsAndLinks()
    {
        using var created = await ui.Api.PostAsJsonAsync("/api/v1/integrations", new { name = "db pager", kind = "pagerduty" });
        created.EnsureSuccessStatusCode();
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword, "/alerts");

        using var sent = await ui.Api.PostAsJsonAsync("/v2/enqueue", new
        {
            routing_key = key,
            event_action = "trigger",
            dedup_key = "db-primary-replication-lag",
            payload = new { summary = "Replication lag on db-primary above 30s", source = "db-primary", severity = "critical", custom_details = new { lag_seconds = 42, replica = "db-2" } },
            links = new[] { new { href = "https://runbooks.example.com/db/replication", text = "Replication runbook" } },
        });
        sent.EnsureSuccessStatusCode();

        var row = page.GetByTestId("alert-row").Filter(new LocatorFilterOptions { HasText = "Replication lag on db-primary above 30s" });
        await Expect(row.GetByTestId("alert-status")).ToHaveTextAsync("Triggered");
        await row.GetByTestId("alert-link").ClickAsync();
        await Expect(page.GetByTestId("alert-details")).ToContainTextAsync("\"lag_seconds\": 42");
        await Expect(page.GetByTestId("alert-links").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "https://runbooks.example.com/db/replication");
        await ui.ScreenshotAsync(page, "27-alert-details-and-links");
    }

    [Fact]
    public async Task Integrations_Responder_IsDenied()
    {
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword);

        await Expect(page.NavLink("Integrations")).ToHaveCountAsync(0);
        await page.GotoAsync("/integrations");

        await Expect(page.GetByTestId("denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("integration-form")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RoutingRules_EditDryRunAndSave_ShowsWhereAlertsGoAndWhichRuleIsWrong()
    {
        using var created = await ui.Api.PostAsJsonAsync("/api/v1/integrations", new { name = "rules playground", kind = "alertmanager" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, $"/integrations/{id}");

        await page.GetByTestId("rule-add").ClickAsync();
        var first = page.GetByTestId("rule").Nth(0);
        await first.GetByTestId("rule-name").FillAsync("prod pages");
        await first.GetByTestId("rule-match").FillAsync("env=\"prod\"");
        await first.GetByTestId("rule-severity").SelectOptionAsync("SEV-1");
        await page.GetByTestId("rule-add").ClickAsync();
        await page.GetByTestId("rule").Nth(1).GetByTestId("rule-name").FillAsync("does nothing");

        await page.GetByTestId("rules-save").ClickAsync();
        await Expect(page.GetByTestId("rule").Nth(1).GetByTestId("rule-error")).ToContainTextAsync("at least one of");
        await Expect(first.GetByTestId("rule-error")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("rules-unsaved")).ToBeVisibleAsync();

        // The dry run uses the rules on screen, before they are saved.
        await page.GetByTestId("rule").Nth(1).GetByTestId("rule-remove").ClickAsync();
        await page.GetByTestId("dry-run-sample").FillAsync("alertname=DiskFull\nenv=prod");
        await page.GetByTestId("dry-run-submit").ClickAsync();
        await Expect(page.GetByTestId("dry-run-rule")).ToHaveTextAsync("prod pages");
        await Expect(page.GetByTestId("dry-run-severity")).ToHaveTextAsync("SEV-1");

        await page.GetByTestId("rules-save").ClickAsync();
        await Expect(page.GetByTestId("rules-saved")).ToBeVisibleAsync();
        await ui.ScreenshotAsync(page, "26-routing-rules");

        await page.GotoLiveAsync($"/integrations/{id}");
        await Expect(page.GetByTestId("rule")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("rule-name")).ToHaveValueAsync("prod pages");
        await Expect(page.GetByTestId("rule-match")).ToHaveValueAsync("env=\"prod\"");
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex NumberIn();
}
