using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Admin;

[Collection(UiCollection.Name)]
public sealed class AuditLogTests(UiFixture ui)
{
    [Fact]
    public async Task AuditLog_Admin_FiltersByResource()
    {
        var slug = await ui.DeclareAsync("Queue consumers lagging");
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);
        await page.FollowNavAsync("Audit log");
        await Expect(page.GetByTestId("audit-row").First).ToBeVisibleAsync();

        await page.GetByTestId("audit-resource").FillAsync($"incident/{slug}");
        await page.GetByTestId("audit-resource").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("resource=incident"));
        await Expect(page.GetByTestId("audit-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("audit-row")).ToContainTextAsync("incident.declare");
        await ui.ScreenshotAsync(page, "09-audit-log");
    }

    [Fact]
    public async Task AuditLog_AFullPageOfEvents_StillBecomesInteractive()
    {
        // The page hands its prerendered rows to the live circuit; a busy server's 200 newest events once outgrew the
        // hub's 32 KB message limit, and the circuit closed, leaving a page whose buttons did nothing.
        var title = "Busy day " + new string('x', 150);
        for (var i = 0; i < 120; i++)
        {
            await ui.DeclareAsync(title, "SEV-4");
        }

        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, "/audit");
        await page.GotoLiveAsync("/");
    }

    [Fact]
    public async Task AuditLog_Responder_IsDenied()
    {
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword);

        await Expect(page.NavLink("Audit log")).ToHaveCountAsync(0);
        await page.GotoAsync("/audit");

        await Expect(page.GetByTestId("denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-table")).ToHaveCountAsync(0);
    }
}
