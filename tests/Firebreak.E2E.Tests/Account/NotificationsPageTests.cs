using System.Net.Http.Json;
using Firebreak.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Account;

[Collection(UiCollection.Name)]
public sealed class NotificationsPageTests(UiFixture ui)
{
    [Fact]
    public async Task TestNotification_Webhook_ShowsSentAndReceiverGotIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // A viewer of their own: anyone may be paged, and the page must work without responder rights.
        var person = $"notify{Guid.NewGuid().ToString("N")[..8]}";
        using (var created = await ui.Api.PostAsJsonAsync("/api/v1/users",
            new { username = person, displayName = "Notified Person", role = "viewer", password = UiFixture.UserPassword }))
        {
            created.EnsureSuccessStatusCode();
        }

        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(person, UiFixture.UserPassword);
        await page.FollowNavAsync("My notifications");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("no-contacts")).ToBeVisibleAsync();

        await page.GetByTestId("contact-kind").SelectOptionAsync("webhook");
        await page.GetByTestId("contact-label").FillAsync("e2e hook");
        await page.GetByTestId("contact-address").FillAsync(receiver.Url.ToString());
        await page.GetByTestId("contact-secret").FillAsync("a-signing-secret-of-some-length");
        await page.GetByTestId("contact-add").ClickAsync();

        var row = page.Locator("[data-testid='contact-row'][data-label='e2e hook']");
        await Expect(row).ToContainTextAsync(receiver.Url.ToString());
        // Write-only: the secret is kept for signing and never comes back to a browser.
        await Expect(page.Locator("body")).Not.ToContainTextAsync("a-signing-secret-of-some-length");

        await row.GetByTestId("contact-test").ClickAsync();
        await Expect(row.GetByTestId("contact-test-status")).ToHaveTextAsync("sent", new() { Timeout = 30_000 });
        await ui.ScreenshotAsync(page, "63-notifications-test-sent");
        var body = await receiver.WaitForAsync(b => b.GetProperty("recipient").GetString() == person, TimeSpan.FromSeconds(5));
        Assert.True(body.GetProperty("test").GetBoolean());
    }
}
