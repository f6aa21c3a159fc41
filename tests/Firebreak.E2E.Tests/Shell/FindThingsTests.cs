using System.Text.RegularExpressions;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Shell;

/// <summary>Finding things in a hurry: incident search and paging, "/" to search, the audit filter, a 404 inside the app.</summary>
[Collection(UiCollection.Name)]
public sealed class FindThingsTests(UiFixture ui)
{
    private const int PageSize = 50;

    // One set of incidents for every screen and scheme: declaring 51 per case would only slow the run.
    private static readonly string s_tag = $"ff{Guid.NewGuid():N}"[..10];
    private static Task? s_declared;

    public static TheoryData<int, int, string> Sizes => Screens.DesktopLightAndPhoneDark;

    private Task DeclareOnceAsync() => s_declared ??= DeclareAllAsync();

    private async Task DeclareAllAsync()
    {
        for (var n = 0; n <= PageSize; n++)
        {
            await ui.DeclareAsync($"Disk filling on db-{n} {s_tag}", "SEV-4");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task IncidentSearch_SlashFocusesIt_AndResultsPageFiftyAtATime(int width, int height, string scheme)
    {
        await DeclareOnceAsync();
        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword, "/");
        var search = page.GetByTestId("incident-search");

        await page.Locator("main h1").ClickAsync();
        await page.Keyboard.PressAsync("/");
        await Expect(search).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync($"DISK/{s_tag}");
        await Expect(search).ToHaveValueAsync($"DISK/{s_tag}");
        await search.FillAsync($"disk {s_tag.ToUpperInvariant()}");
        await search.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(QueryHasTag());
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("incident-row")).ToHaveCountAsync(PageSize);
        await Expect(page.GetByTestId("pager-range")).ToHaveTextAsync($"1–{PageSize} of {PageSize + 1}");
        await Expect(page.GetByTestId("pager-newer")).ToHaveCountAsync(0);
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"80-incident-search-{width}-{scheme}");

        await page.GetByTestId("pager-older").ClickAsync();
        await Expect(page.GetByTestId("incident-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("incident-row")).ToContainTextAsync($"db-0 {s_tag}");
        await Expect(page.GetByTestId("pager-range")).ToHaveTextAsync($"{PageSize + 1}–{PageSize + 1} of {PageSize + 1}");
        await Expect(page.GetByTestId("pager-older")).ToHaveCountAsync(0);
        await Screens.AssertNoSidewaysScrollAsync(page);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AuditLog_FiltersByWhoAndAction(int width, int height, string scheme)
    {
        var slug = await ui.DeclareAsync($"Audit filter {width}{scheme}", "SEV-4");
        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, "/audit");

        await page.GetByTestId("audit-actor").SelectOptionAsync(ServerProcess.AdminUser);
        await page.GetByTestId("audit-action").SelectOptionAsync("incident.declare");
        await page.GetByTestId("audit-filter-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("action=incident.declare"));
        await page.WaitForInteractiveAsync();
        var rows = page.GetByTestId("audit-row");
        await Expect(rows.First).ToContainTextAsync(slug);
        foreach (var row in await rows.AllAsync())
        {
            await Expect(row).ToContainTextAsync("incident.declare");
        }

        await Expect(page.GetByTestId("audit-actor")).ToHaveValueAsync(ServerProcess.AdminUser);
        await Expect(page.GetByTestId("pager-range")).ToBeVisibleAsync();
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"81-audit-filter-{width}-{scheme}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task UnknownAddress_ShowsA404InsideTheLayout(int width, int height, string scheme)
    {
        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(UiFixture.Viewer, UiFixture.UserPassword);

        var response = await page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToBeAttachedAsync();
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"82-not-found-{width}-{scheme}");

        await page.WaitForInteractiveAsync();
        await page.GetByTestId("not-found-home").ClickAsync();
        await Expect(page.GetByTestId("incident-search")).ToBeVisibleAsync();
    }

    private static Regex QueryHasTag() => new($"q=disk(\\+|%20){s_tag.ToUpperInvariant()}");
}
