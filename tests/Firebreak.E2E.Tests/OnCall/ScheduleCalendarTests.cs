using System.Globalization;
using System.Net.Http.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.OnCall;

[Collection(UiCollection.Name)]
public sealed class ScheduleCalendarTests(UiFixture ui)
{
    // UTC keeps the arithmetic of the test plain; the calendar's zone handling is covered by CalendarGrid's own use.
    private async Task<string> ScheduleAsync()
    {
        var key = $"e2e-{Guid.NewGuid():N}"[..16];
        using var response = await ui.Api.PutAsJsonAsync($"/api/v1/schedules/{key}", new
        {
            name = $"Payments {key}",
            timeZone = "Etc/UTC",
            layers = new[] { new { name = "primary", participants = new[] { new[] { ServerProcess.AdminUser } }, shift = "weekly", start = "2026-01-05T09:00" } },
        });
        response.EnsureSuccessStatusCode();
        return key;
    }

    [Fact]
    public async Task DragAcrossCalendar_Responder_CreatesOverrideShownInListAndFinalRow()
    {
        var key = await ScheduleAsync();
        await using var context = await ui.NewContextAsync();
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword);

        await Expect(page.Locator($"[data-testid='oncall-now-schedule'][data-key='{key}']")).ToContainTextAsync(ServerProcess.AdminUser);
        await page.FollowNavAsync("On call");
        await page.Locator($"[data-testid='schedule-row'][data-key='{key}'] a").ClickAsync();
        await page.WaitForInteractiveAsync();

        // Tomorrow 10:00 to 14:00: press on the 10:00 cell, release on the 13:30 one.
        var tomorrow = DateTimeOffset.UtcNow.Date.AddDays(1);
        var day = page.Locator("[data-testid='calendar-day']").Nth(1);
        await DragAsync(page, day.Locator("[data-testid='calendar-cell'][data-cell='68']"), day.Locator("[data-testid='calendar-cell'][data-cell='75']"));

        var form = page.GetByTestId("override-form");
        await Expect(form).ToBeVisibleAsync();
        await Expect(page.GetByTestId("override-from")).ToHaveValueAsync(tomorrow.ToString("yyyy-MM-dd'T'10:00", CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("override-to")).ToHaveValueAsync(tomorrow.ToString("yyyy-MM-dd'T'14:00", CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("override-person")).ToHaveValueAsync(UiFixture.Responder);
        await page.GetByTestId("override-save").ClickAsync();

        await Expect(page.Locator($"[data-testid='override-row'][data-person='{UiFixture.Responder}']")).ToHaveCountAsync(1);
        await Expect(form).ToHaveCountAsync(0);
        var covered = day.Locator($"[data-testid='final-block'][data-people='{UiFixture.Responder}']");
        await Expect(covered).ToHaveTextAsync(UiFixture.Responder);
        await Expect(covered).ToHaveAttributeAsync("data-from", new DateTimeOffset(tomorrow.AddHours(10), TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture));
        await Expect(covered).ToHaveAttributeAsync("data-to", new DateTimeOffset(tomorrow.AddHours(14), TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture));
        // The layer itself still has the admin all day; on a hand-off day (the weekly turn is Monday 09:00) in two blocks.
        var layer = day.Locator("[data-testid='layer-row'][data-layer='primary'] [data-testid='layer-block']");
        await Expect(layer.First).ToHaveTextAsync(ServerProcess.AdminUser);
        await Expect(layer.Filter(new LocatorFilterOptions { HasNotText = ServerProcess.AdminUser })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("feed-mine")).ToContainTextAsync($"/calendars/users/{UiFixture.Responder}/");
        await Expect(page.GetByTestId("feed-schedule")).ToContainTextAsync($"/calendars/schedules/{key}/");
        await ui.ScreenshotAsync(page, "40-schedule-override");

        await page.GotoLiveAsync("/");
        await Expect(page.Locator($"[data-testid='oncall-now-schedule'][data-key='{key}'] a")).ToHaveTextAsync($"Payments {key}");
    }

    private static async Task DragAsync(IPage page, ILocator from, ILocator to)
    {
        var a = await from.BoundingBoxAsync() ?? throw new InvalidOperationException("The start cell is not visible.");
        var b = await to.BoundingBoxAsync() ?? throw new InvalidOperationException("The end cell is not visible.");
        await page.Mouse.MoveAsync(a.X + (a.Width / 2), a.Y + (a.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(b.X + (b.Width / 2), b.Y + (b.Height / 2), new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
    }
}
