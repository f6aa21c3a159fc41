using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Runbooks;

/// <summary>An admin edits a runbook in the browser with a live preview; a responder finds one for a declared incident by searching.</summary>
[Collection(UiCollection.Name)]
public sealed class EditRunbookTests(UiFixture ui)
{
    public static TheoryData<int, int, string> Sizes => Screens.DesktopLightAndPhoneDark;

    private static string Text(string key, string title, string steps) => $"""
        ---
        key: {key}
        title: {title}
        match: ['alertname="Edit{key}"']
        ---

        ## Recovery
        {steps}
        """;

    private async Task CreateAsync(string key, string title)
    {
        using var created = await ui.Api.PostAsync("/api/v1/runbooks", new StringContent(Text(key, title, "```step manual\ntitle: Look at the pool\n```\n"), Encoding.UTF8, "text/markdown"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task EditingARunbook_PreviewsItsStepsAndMistakesByLine_AndSavingMakesANewVersion(int width, int height, string scheme)
    {
        var key = $"edit-{width}{scheme}{Guid.NewGuid():N}"[..24];
        await CreateAsync(key, $"Pool exhausted {key}");
        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, $"/runbooks/{key}");
        await page.GetByTestId("runbook-edit").ClickAsync();

        var editor = page.GetByTestId("runbook-editor");
        await Expect(editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Look at the pool"));
        await Expect(page.GetByTestId("runbook-preview-step")).ToHaveCountAsync(1);
        await editor.FillAsync(Text(key, $"Pool exhausted {key}", "```step manual\ntitle: Look at the pool\n```\n\n```step shell\ntitle: Restart\nargv: restart now\n```\n"));
        await Expect(page.GetByTestId("runbook-problem")).ToContainTextAsync("line 14");
        await Expect(page.GetByTestId("runbook-save")).ToBeDisabledAsync();
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"runbook-edit-{width}-{scheme}");

        await editor.FillAsync(Text(key, $"Pool drained {key}", "```step manual\ntitle: Look at the pool\n```\n\n```step http\ntitle: Check the server answers\nurl: \"{{ firebreak.url }}/health/live\"\n```\n"));
        await Expect(page.GetByTestId("runbook-problem")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("runbook-preview-step")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("runbook-preview-html")).ToContainTextAsync("Recovery");
        await page.GetByTestId("runbook-save").ClickAsync();

        await Expect(page.GetByTestId("runbook-title")).ToHaveTextAsync($"Pool drained {key}");
        await Expect(page.Locator(".page-head .muted")).ToContainTextAsync("version 2 · from the browser");
        await Expect(page.GetByTestId("runbook-step")).ToHaveCountAsync(2);
        await Screens.AssertNoSidewaysScrollAsync(page);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task ADeclaredIncidentWithNoAlerts_OffersASearch_AndTheResponderRunsTheRunbookTheyPick(int width, int height, string scheme)
    {
        var key = $"find-{width}{scheme}{Guid.NewGuid():N}"[..24];
        await CreateAsync(key, $"Queue backlog {key}");
        int number;
        using (var declared = await ui.Api.PostAsJsonAsync("/api/v1/incidents", new { title = $"Something is off at {width} {scheme}", severity = "SEV-3" }))
        {
            declared.EnsureSuccessStatusCode();
            number = (await declared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        }

        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword, $"/incidents/{number}");

        await Expect(page.GetByTestId("no-runbook")).ToBeVisibleAsync();
        await page.GetByTestId("incident-runbook-search").FillAsync(key);
        var found = page.GetByTestId("incident-runbook-found");
        await Expect(found).ToHaveCountAsync(1);
        await Expect(found).ToContainTextAsync($"Queue backlog {key}");
        await Screens.AssertNoSidewaysScrollAsync(page);
        await found.GetByTestId("runbook-start").ClickAsync();

        var run = page.GetByTestId("runbook-run");
        await Expect(run.GetByTestId("run-step")).ToHaveCountAsync(1);
        await Expect(run).ToContainTextAsync("Look at the pool");
        await Screens.AssertNoSidewaysScrollAsync(page);
    }
}
