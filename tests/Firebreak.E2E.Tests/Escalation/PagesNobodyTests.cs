using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Escalation;

/// <summary>A service whose incidents would wake nobody is named on the home page and on its integrations' pages.</summary>
[Collection(UiCollection.Name)]
public sealed class PagesNobodyTests(UiFixture ui)
{
    public static TheoryData<int, int, string> Sizes => Screens.DesktopLightAndPhoneDark;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AServiceWithoutAPolicy_IsNamedOnTheHomePageAndItsIntegration_UntilItHasOne(int width, int height, string scheme)
    {
        var key = $"quiet-{width}{scheme}{Guid.NewGuid():N}"[..24];
        await ui.Server.ApplyConfigAsync($"""
            services:
              - key: {key}
                name: Quiet {key}
            """);
        long integration;
        using (var created = await ui.Api.PostAsJsonAsync("/api/v1/integrations", new { name = key, kind = "alertmanager", service = key }))
        {
            created.EnsureSuccessStatusCode();
            integration = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }

        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);
        try
        {
            await page.GotoLiveAsync("/");
            await Expect(page.GetByTestId("unpaged-services").Locator($"[data-key='{key}']")).ToBeVisibleAsync();
            await Screens.AssertNoSidewaysScrollAsync(page);
            await page.GotoLiveAsync($"/integrations/{integration}");
            await Expect(page.GetByTestId("integration-warning")).ToContainTextAsync($"service '{key}'");
            await Screens.AssertNoSidewaysScrollAsync(page);
            await ui.ScreenshotAsync(page, $"pages-nobody-{width}-{scheme}");
        }
        finally
        {
            // Other tests share this server's home page: give the service a policy so the panel goes again.
            var policy = $"p-{key}";
            using var put = await ui.Api.PutAsJsonAsync($"/api/v1/escalation-policies/{policy}",
                new { name = policy, steps = new[] { new { targets = new[] { $"user:{UiFixture.Responder}" }, delay = "10m" } } });
            put.EnsureSuccessStatusCode();
            using var assign = await ui.Api.PutAsJsonAsync($"/api/v1/services/{key}/escalation-policy", new { policy });
            assign.EnsureSuccessStatusCode();
        }

        await page.GotoLiveAsync($"/integrations/{integration}");
        await Expect(page.GetByTestId("integration-warning")).ToHaveCountAsync(0);
    }
}
