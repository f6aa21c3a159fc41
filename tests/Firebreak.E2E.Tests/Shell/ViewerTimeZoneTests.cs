using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Shell;

/// <summary>Times read in the viewer's zone, named: their profile's zone, else the browser's, else UTC.</summary>
[Collection(UiCollection.Name)]
public sealed class ViewerTimeZoneTests(UiFixture ui)
{
    [Fact]
    public async Task IncidentAndAuditLog_NoProfileZone_ShowTimesInTheBrowsersZone()
    {
        var (slug, declaredAt) = await DeclareAsync("Tokyo viewer incident");
        await using var context = await ui.NewContextAsync(o => o.TimezoneId = "Asia/Tokyo");
        // Through the form: its page is where the browser first tells the server its zone, as on a new laptop.
        var page = await context.SignInWithFormAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, $"/incidents/{slug}");
        // Tokyo is UTC+9 all year and NodaTime names it JST.
        var tokyo = declaredAt.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " JST";
        await Expect(page.GetByTestId("incident-declared")).ToContainTextAsync(tokyo);

        await page.GotoLiveAsync($"/audit?resource=incident/{slug}");
        await Expect(page.GetByTestId("audit-row").First).ToContainTextAsync(tokyo);
        await Expect(page.GetByTestId("viewer-zone")).ToContainTextAsync("Asia/Tokyo");
    }

    [Fact]
    public async Task IncidentAndAuditLog_ProfileZoneSet_BeatsTheBrowsersZone()
    {
        const string username = "tz-paula";
        using (var created = await ui.Api.PostAsJsonAsync("/api/v1/users",
            new { username, displayName = "Paula Profile", role = "admin", password = UiFixture.UserPassword }))
        {
            created.EnsureSuccessStatusCode();
        }

        using (var patched = await ui.Api.PatchAsJsonAsync($"/api/v1/users/{username}", new { timeZone = "America/Sao_Paulo" }))
        {
            patched.EnsureSuccessStatusCode();
        }

        var (slug, declaredAt) = await DeclareAsync("Sao Paulo viewer incident");
        await using var context = await ui.NewContextAsync(o => o.TimezoneId = "Asia/Tokyo");
        var page = await context.SignInWithFormAsync(username, UiFixture.UserPassword, $"/incidents/{slug}");
        // São Paulo is UTC-3 without daylight saving since 2019; its abbreviation is only "-03", so the zone is named by id.
        var saoPaulo = declaredAt.ToOffset(TimeSpan.FromHours(-3)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (America/Sao_Paulo)";
        await Expect(page.GetByTestId("incident-declared")).ToContainTextAsync(saoPaulo);
        await Expect(page.GetByTestId("impact-start-control")).ToContainTextAsync("America/Sao_Paulo");

        await page.GotoLiveAsync($"/audit?resource=incident/{slug}");
        await Expect(page.GetByTestId("audit-row").First).ToContainTextAsync(saoPaulo);
        await Expect(page.GetByTestId("viewer-zone")).ToContainTextAsync("America/Sao_Paulo");
        await ui.ScreenshotAsync(page, "75-audit-profile-zone");
    }

    private async Task<(string Slug, DateTimeOffset DeclaredAt)> DeclareAsync(string title)
    {
        var slug = await ui.DeclareAsync(title);
        var incident = await ui.Api.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{slug}");
        return (slug, incident.GetProperty("declaredAt").GetDateTimeOffset());
    }
}
