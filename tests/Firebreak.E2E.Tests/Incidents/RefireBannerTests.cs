using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Incidents;

/// <summary>
/// An alert firing again while its incident is monitored puts the incident back to investigating and asks, on the
/// incident page, for someone to acknowledge again (issue 11 #2); the page shows it live, on a laptop and a phone.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class RefireBannerTests(UiFixture ui)
{
    public static TheoryData<int, int, string> Sizes => Screens.DesktopLightAndPhoneDark;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AnAlertFiringAgainDuringMonitoring_ShowsTheBanner_AndAcknowledgeAgainClearsIt(int width, int height, string scheme)
    {
        var key = $"refire-{width}{scheme}-{Guid.NewGuid():N}"[..24];
        var alerts = await AlertmanagerServiceAsync(key);
        using (var fired = await ui.Api.PostAsJsonAsync(alerts, Alerts(key, "firing")))
        {
            fired.EnsureSuccessStatusCode();
        }

        var number = await IncidentOfAsync(key);
        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword, $"/incidents/{number}");
        var status = page.GetByTestId("incident-status");
        await Expect(status).ToHaveAttributeAsync("data-status", "triggered");
        await page.GetByTestId("transition-investigating").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "investigating");
        await page.GetByTestId("transition-monitoring").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "monitoring");
        await Expect(page.GetByTestId("awaiting-ack")).ToHaveCountAsync(0);

        // The fix seemed to hold and the alert recovered; then it fires again, while the page stays open.
        using (var resolved = await ui.Api.PostAsJsonAsync(alerts, Alerts(key, "resolved")))
        {
            resolved.EnsureSuccessStatusCode();
        }

        await page.EvaluateAsync("() => window.firebreakE2eMarker = 'still here'");
        using (var again = await ui.Api.PostAsJsonAsync(alerts, Alerts(key, "firing")))
        {
            again.EnsureSuccessStatusCode();
        }

        var banner = page.GetByTestId("awaiting-ack");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("fired again while this was being monitored");
        await Expect(status).ToHaveAttributeAsync("data-status", "investigating");
        // Step 1 pages again straight after, so its entry may already sit above this one.
        await Expect(Entry(page, "fired again while monitoring")).ToContainTextAsync("monitoring → investigating");
        // On a phone at 3 a.m. the answer must be on the first screen, not below the timeline.
        await Expect(page.GetByTestId("acknowledge-again")).ToBeInViewportAsync();
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.firebreakE2eMarker"));
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"refire-banner-{width}-{scheme}");

        await page.GetByTestId("acknowledge-again").ClickAsync();

        await Expect(banner).ToHaveCountAsync(0);
        await Expect(status).ToHaveAttributeAsync("data-status", "investigating");
        await Expect(Entry(page, "Acknowledged: paging stops")).ToBeVisibleAsync();
        var incident = await ui.Api.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{number}");
        Assert.False(incident.GetProperty("awaitingAcknowledgement").GetBoolean());
        await Screens.AssertNoSidewaysScrollAsync(page);
    }

    private static ILocator Entry(IPage page, string text) =>
        page.GetByTestId("timeline-entry").Filter(new LocatorFilterOptions { HasText = text });

    private static object Alerts(string key, string status) => new
    {
        version = "4",
        alerts = new[] { new { status, labels = new { alertname = "CheckoutErrors", severity = "critical", service = key }, fingerprint = $"{key}-fp" } },
    };

    /// <summary>A service whose incidents go to monitoring when their alerts recover, paging the responder, fed by an Alertmanager integration.</summary>
    private async Task<string> AlertmanagerServiceAsync(string key)
    {
        using (var policy = await ui.Api.PutAsJsonAsync($"/api/v1/escalation-policies/{key}",
            new { name = key, steps = new[] { new { targets = new[] { $"user:{UiFixture.Responder}" }, delay = "10m" } } }))
        {
            policy.EnsureSuccessStatusCode();
        }

        using (var service = await ui.Api.PostAsJsonAsync("/api/v1/services", new { key, name = $"Refire {key}", escalationPolicy = key, autoResolve = "monitoring" }))
        {
            service.EnsureSuccessStatusCode();
        }

        using var integration = await ui.Api.PostAsJsonAsync("/api/v1/integrations", new { name = key, kind = "alertmanager", service = key });
        integration.EnsureSuccessStatusCode();
        return $"/integrations/alertmanager/{(await integration.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()}";
    }

    private async Task<int> IncidentOfAsync(string service)
    {
        var incidents = await ui.Api.GetFromJsonAsync<JsonElement>($"/api/v1/incidents?service={service}");
        return incidents.EnumerateArray().Single().GetProperty("number").GetInt32();
    }
}
