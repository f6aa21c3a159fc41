using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Incidents;

[Collection(UiCollection.Name)]
public sealed class IncidentFlowTests(UiFixture ui)
{
    [Fact]
    public async Task Incident_DeclareAcknowledgeResolve_SecondResponderChangesShowLive()
    {
        await using var adminContext = await ui.NewContextAsync();
        var page = await adminContext.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);

        await page.GetByTestId("nav-declare").ClickAsync();
        await page.GetByTestId("declare-title").FillAsync("Checkout API returning 500s");
        await page.GetByTestId("declare-severity-SEV-1").CheckAsync();
        await page.GetByTestId("declare-impact").FillAsync("A third of card payments fail.");
        await ui.ScreenshotAsync(page, "02-declare-form");
        await page.GetByTestId("declare-submit").ClickAsync();

        var status = page.GetByTestId("incident-status");
        await Expect(page.GetByTestId("incident-title")).ToHaveTextAsync("Checkout API returning 500s");
        await Expect(status).ToHaveAttributeAsync("data-status", "triggered");
        await Expect(page.GetByTestId("incident-impact")).ToHaveTextAsync("A third of card payments fail.");
        // Anything that reloads the page would drop this marker; live updates must not.
        await page.EvaluateAsync("() => window.firebreakE2eMarker = 'still here'");
        var incidentUrl = page.Url;

        var acknowledge = page.GetByTestId("transition-investigating");
        await Expect(acknowledge).ToHaveTextAsync("Acknowledge");
        await Expect(page.GetByTestId("status-actions").Locator("button").First).ToHaveTextAsync("Acknowledge");
        await ui.ScreenshotAsync(page, "03-incident-triggered");
        await acknowledge.ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "investigating");
        await Expect(page.GetByTestId("timeline-entry").First).ToContainTextAsync("Acknowledged");
        await Expect(page.GetByTestId("target-ack")).ToContainTextAsync("met");

        // The impact began before anyone declared it: TTD is measured once someone says when.
        var began = DateTime.UtcNow.AddMinutes(-30);
        await page.GetByTestId("impact-start-input").FillAsync(began.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("impact-start-reason").FillAsync("errors on the dashboard");
        await page.GetByTestId("impact-start-apply").ClickAsync();
        await Expect(page.GetByTestId("timeline-entry").First).ToContainTextAsync("Impact start set to");
        await Expect(page.GetByTestId("impact-start-value")).ToContainTextAsync(began.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByTestId("role-take-commander").ClickAsync();
        await Expect(page.GetByTestId("role-holder-commander")).ToHaveTextAsync("Administrator");
        await page.GetByTestId("checklist-checkbox").First.CheckAsync();
        await Expect(page.GetByTestId("checklist-item").First).ToHaveAttributeAsync("data-done", "true");

        await using var ritaContext = await ui.NewContextAsync();
        var rita = await ritaContext.SignInAsync(UiFixture.Responder, UiFixture.UserPassword, incidentUrl);
        const string note = "Error rate tracks the 14:02 deploy of pricing v2.31; rolling back";
        await rita.GetByTestId("note-input").FillAsync(note);
        await rita.GetByTestId("note-submit").ClickAsync();
        await Expect(rita.GetByTestId("timeline-entry").First).ToContainTextAsync(note);

        var notedOnFirstPage = page.GetByTestId("timeline-entry").Filter(new LocatorFilterOptions { HasText = note });
        await Expect(notedOnFirstPage).ToBeVisibleAsync();
        await Expect(notedOnFirstPage).ToContainTextAsync(UiFixture.Responder);
        await Expect(rita.GetByTestId("role-holder-commander")).ToHaveTextAsync("Administrator");

        await rita.GetByTestId("assign-role").SelectOptionAsync("tech_lead");
        await rita.GetByTestId("assign-person").SelectOptionAsync(UiFixture.Responder);
        await rita.GetByTestId("assign-submit").ClickAsync();
        await Expect(page.GetByTestId("role-holder-tech_lead")).ToHaveTextAsync("Rita Responder");

        await rita.GetByTestId("transition-mitigating").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "mitigating");
        await Expect(page.GetByTestId("timeline-entry").First).ToContainTextAsync("investigating → mitigating");
        await ui.ScreenshotAsync(page, "04-incident-live-update");

        // Resolving asks first, with an optional note and "false positive" as a way it can end.
        await page.GetByTestId("transition-resolved").ClickAsync();
        await Expect(page.GetByTestId("resolve-form")).ToBeVisibleAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "mitigating");
        await page.GetByTestId("cancel-resolve").ClickAsync();
        await Expect(page.GetByTestId("resolve-form")).ToHaveCountAsync(0);
        await Expect(status).ToHaveAttributeAsync("data-status", "mitigating");
        await page.GetByTestId("transition-resolved").ClickAsync();
        await page.GetByTestId("resolution-false-positive").CheckAsync();
        await page.GetByTestId("resolve-note").FillAsync("The probe hit a host being drained");
        await ui.ScreenshotAsync(page, "05a-resolve-confirm");
        await page.GetByTestId("confirm-resolve").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "resolved");
        await Expect(page.GetByTestId("timeline-entry").First).ToContainTextAsync("(false positive) — The probe hit a host being drained");
        await Expect(rita.GetByTestId("incident-status")).ToHaveAttributeAsync("data-status", "resolved");
        await Expect(page.GetByTestId("transition-investigating")).ToHaveTextAsync("Reopen");
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.firebreakE2eMarker"));
        await ui.ScreenshotAsync(page, "05-incident-resolved");

        // Changes made in the browser are audited with who made them and from where, like API calls.
        var slug = new Uri(incidentUrl).Segments[^1];
        var audit = await ui.Api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?resource=incident/{slug}");
        var entries = audit.EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "incident.declare" && e.GetProperty("actor").GetString() == ServerProcess.AdminUser);
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "incident.note" && e.GetProperty("actor").GetString() == UiFixture.Responder);
        Assert.All(entries, e => Assert.Equal("127.0.0.1", e.GetProperty("sourceAddress").GetString()));
    }

    [Fact]
    public async Task Declare_EmptyForm_ShowsWhatIsMissingNextToEachField()
    {
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword, "/incidents/new");

        await page.GetByTestId("declare-submit").ClickAsync();

        await Expect(page.GetByTestId("error-title")).ToContainTextAsync("A title is required");
        await Expect(page.GetByTestId("error-severity")).ToContainTextAsync("A severity is required");
        await Expect(page).ToHaveURLAsync(new Uri(ui.Server.BaseAddress, "/incidents/new").ToString());
        await ui.ScreenshotAsync(page, "06-declare-errors");
    }

    [Fact]
    public async Task Viewer_OpensIncident_SeesNoWriteControls()
    {
        var slug = await ui.DeclareAsync("Search suggestions slow in EU");
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword, $"/incidents/{slug}");

        await Expect(page.GetByTestId("incident-title")).ToHaveTextAsync("Search suggestions slow in EU");
        await Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("checklist-item").First).ToBeVisibleAsync();
        foreach (var control in new[] { "status-actions", "note-form", "severity-control", "checklist-checkbox", "nav-declare" })
        {
            await Expect(page.GetByTestId(control)).ToHaveCountAsync(0);
        }

        await Expect(page.Locator("[data-testid^='role-select-'], [data-testid^='role-assign-'], [data-testid^='transition-']")).ToHaveCountAsync(0);
        await page.GetByTestId("account-menu-button").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("main button")).ToHaveCountAsync(0);
        await ui.ScreenshotAsync(page, "07-viewer-incident");

        await page.GotoAsync("/incidents/new");
        await Expect(page.GetByTestId("denied")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task IncidentList_IncidentDeclaredElsewhere_AppearsWithoutReload()
    {
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword, "/?status=triggered");

        var slug = await ui.DeclareAsync("Edge gateway dropping TLS handshakes", "SEV-1");

        var row = page.GetByTestId("incident-row").Filter(new LocatorFilterOptions { HasText = "Edge gateway dropping TLS handshakes" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("severity-badge")).ToHaveTextAsync("SEV-1");
        await Expect(row).ToContainTextAsync(new Regex("just now|[0-9]+s ago"));
        await Expect(page.GetByTestId("filter-status")).ToHaveValueAsync("triggered");
        await ui.ScreenshotAsync(page, "01-incident-list");

        await row.GetByTestId("incident-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(ui.Server.BaseAddress, $"/incidents/{slug}").ToString());
    }
}
