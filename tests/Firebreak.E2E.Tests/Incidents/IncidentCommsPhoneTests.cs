using System.Net.Http.Json;
using Firebreak.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Incidents;

/// <summary>
/// The comms lead's part of an incident on a phone at 3 a.m.: a stakeholder update written and sent from the incident
/// page, the customers' copy held while external communication needs approval, and approved with a second tap.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class IncidentCommsPhoneTests(UiFixture ui)
{
    [Fact]
    public async Task AStakeholderUpdate_SentOnAPhone_HoldsTheCustomersCopy_UntilApprovedWithASecondTap()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await ui.Server.ApplyConfigAsync($"""
            stakeholders:
              - key: support-{suffix}
                name: Support {suffix}
                email: support-{suffix}@example.com
              - key: customers-{suffix}
                name: Customers {suffix}
                email: customers-{suffix}@example.com
                external: true
            """);
        var slug = await ui.DeclareAsync($"Checkout errors {suffix}", "SEV-2");
        using (var approval = await ui.Api.PutAsJsonAsync($"/api/v1/incidents/{slug}/public-updates/approval", new { required = true }))
        {
            Assert.True(approval.IsSuccessStatusCode, await approval.Content.ReadAsStringAsync());
        }

        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme("dark"), 390, 844);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, $"/incidents/{slug}");
        var panel = page.GetByTestId("stakeholder-updates");
        await panel.GetByTestId("update-input").FillAsync($"Card payments fail for some customers; next update in 30 minutes ({suffix}).");
        await panel.GetByTestId("update-submit").ClickAsync();

        await Expect(panel.GetByTestId("stakeholder-update-last")).ToContainTextAsync($"({suffix})");
        await Expect(panel.GetByTestId("stakeholder-send-held").Filter(new() { HasText = $"Customers {suffix}" })).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("stakeholder-send-held").Filter(new() { HasText = $"Support {suffix}" })).ToHaveCountAsync(0);
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, "incident-comms-phone-held");

        await panel.GetByTestId("approve-stakeholder-sends").ClickAsync();
        await Expect(panel.GetByTestId("stakeholder-send-held")).Not.ToHaveCountAsync(0);
        await panel.GetByTestId("confirm-approve-stakeholder-sends").ClickAsync();
        await Expect(panel.GetByTestId("stakeholder-sends-held")).ToHaveCountAsync(0);
        await Screens.AssertNoSidewaysScrollAsync(page);
    }
}
