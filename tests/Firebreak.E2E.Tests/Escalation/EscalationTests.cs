using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Escalation;

[Collection(UiCollection.Name)]
public sealed class EscalationTests(UiFixture ui)
{
    private static readonly TimeSpan s_webhookTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AckLink_FromWebhook_AcknowledgesAndIncidentPageShowsIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var person = $"pager{suffix}";
        var service = $"e2e-esc-{suffix}";
        await PostAsync("/api/v1/users", new { username = person, displayName = "Paged Person", role = "responder", password = UiFixture.UserPassword });
        await PostAsync($"/api/v1/users/{person}/contact-methods", new { kind = "webhook", label = "pager", address = receiver.Url.ToString() });
        await ui.Server.ApplyConfigAsync($"""
            services:
              - key: {service}
                name: Escalation test {suffix}
            """);
        await PutAsync($"/api/v1/escalation-policies/{service}",
            new { name = $"Page {person}", steps = new[] { new { targets = new[] { $"user:{person}" }, delay = "10m" } } });
        await PutAsync($"/api/v1/services/{service}/escalation-policy", new { policy = service });

        var title = $"Ledger writes failing {suffix}";
        using var declared = await ui.Api.PostAsJsonAsync("/api/v1/incidents", new { title, severity = "SEV-1", service });
        declared.EnsureSuccessStatusCode();
        var slug = (await declared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;

        // The first step is due at once; the engine's runner pages within about a second on the real clock.
        var body = await receiver.WaitForAsync(b => b.GetProperty("incidents").EnumerateArray().Any(i => i.GetProperty("title").GetString() == title), s_webhookTimeout);
        Assert.Equal(person, body.GetProperty("recipient").GetString());
        var ackUrl = body.GetProperty("incidents")[0].GetProperty("acknowledge_url").GetString()!;
        Assert.StartsWith(ui.Server.BaseAddress.ToString(), ackUrl, StringComparison.Ordinal);

        // The link is its own credential: the person opens it on a phone with no Firebreak session.
        await using (var phone = await ui.NewContextAsync())
        {
            var page = await phone.NewPageAsync();
            await page.GotoAsync(ackUrl);
            await page.Locator("#acknowledge").ClickAsync();
            await Expect(page.Locator("#acknowledged")).ToContainTextAsync("You acknowledged");
            await ui.ScreenshotAsync(page, "60-ack-link-acknowledged");
        }

        await using var context = await ui.NewContextAsync();
        var admin = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, $"/incidents/{slug}");
        await Expect(admin.GetByTestId("incident-status")).ToHaveAttributeAsync("data-status", "investigating");
        var panel = admin.GetByTestId("escalation");
        await Expect(panel.GetByTestId("escalation-policy")).ToHaveTextAsync($"Page {person}");
        await Expect(panel.GetByTestId("escalation-stopped")).ToContainTextAsync("acknowledged");
        var row = panel.GetByTestId("delivery-row").First;
        await Expect(row).ToContainTextAsync(person);
        await Expect(row).ToContainTextAsync("webhook");
        await Expect(row.GetByTestId("delivery-status")).ToHaveTextAsync("sent");
        await ui.ScreenshotAsync(admin, "61-incident-escalation-panel");
    }

    [Fact]
    public async Task PolicyEditor_TwoSteps_SavedAndShownAfterReload()
    {
        var key = $"e2e-two-step-{Guid.NewGuid().ToString("N")[..8]}";
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, "/escalation-policies");
        await page.GetByTestId("policy-new-key").FillAsync(key);
        await page.GetByTestId("policy-new").ClickAsync();
        await Expect(page.GetByTestId("policy-key")).ToHaveTextAsync(key);

        await page.GetByTestId("policy-name-input").FillAsync("Checkout primary then lead");
        var steps = page.GetByTestId("step");
        await steps.Nth(0).GetByTestId("step-targets").FillAsync($"user:{UiFixture.Responder}, user:nobody-{key}");
        await steps.Nth(0).GetByTestId("step-delay").FillAsync("5m");
        await page.GetByTestId("step-add").ClickAsync();
        await steps.Nth(1).GetByTestId("step-targets").FillAsync($"user:{ServerProcess.AdminUser}");
        await steps.Nth(1).GetByTestId("step-delay").FillAsync("10m");
        await page.GetByTestId("policy-save").ClickAsync();

        // A user that does not exist is refused by name, next to Save, and nothing is stored.
        await Expect(page.GetByTestId("policy-problems")).ToContainTextAsync($"no user 'nobody-{key}'");
        await steps.Nth(0).GetByTestId("step-targets").FillAsync($"user:{UiFixture.Responder}");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(page.GetByTestId("policy-saved")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(steps).ToHaveCountAsync(2);
        await Expect(steps.Nth(0).GetByTestId("step-targets")).ToHaveValueAsync($"user:{UiFixture.Responder}");
        await Expect(steps.Nth(0).GetByTestId("step-delay")).ToHaveValueAsync("5m");
        await Expect(steps.Nth(1).GetByTestId("step-targets")).ToHaveValueAsync($"user:{ServerProcess.AdminUser}");
        await Expect(steps.Nth(1).GetByTestId("step-delay")).ToHaveValueAsync("10m");
        await ui.ScreenshotAsync(page, "62-policy-editor");

        await page.GotoLiveAsync("/escalation-policies");
        await Expect(page.Locator($"[data-testid='policy-row'][data-key='{key}'] [data-testid='policy-steps']"))
            .ToHaveTextAsync($"1. user:{UiFixture.Responder} → after 5m 2. user:{ServerProcess.AdminUser}");
    }

    [Fact]
    public async Task PolicyPage_Viewer_ReadOnly()
    {
        var key = $"e2e-viewer-{Guid.NewGuid().ToString("N")[..8]}";
        await PutAsync($"/api/v1/escalation-policies/{key}",
            new { name = "Viewer sees this", steps = new[] { new { targets = new[] { $"user:{UiFixture.Responder}" }, delay = "5m" } } });
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword, $"/escalation-policies/{key}");
        await Expect(page.GetByTestId("policy-name")).ToHaveTextAsync("Viewer sees this");
        await Expect(page.GetByTestId("step-view")).ToContainTextAsync($"user:{UiFixture.Responder}");
        await Expect(page.GetByTestId("policy-form")).ToHaveCountAsync(0);
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await ui.Api.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task PutAsync(string path, object body)
    {
        using var response = await ui.Api.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
