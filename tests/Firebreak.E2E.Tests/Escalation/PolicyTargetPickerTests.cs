using System.Net.Http.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Escalation;

/// <summary>Policy targets picked from lists of people, schedules and the commander role, and the service ticks in one column.</summary>
[Collection(UiCollection.Name)]
public sealed class PolicyTargetPickerTests(UiFixture ui)
{
    public static TheoryData<int, int, string> Sizes => Screens.DesktopLightAndPhoneDark;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task StepTargets_PickedFromLists_ViewersNotOffered_ServiceBoxesAligned(int width, int height, string scheme)
    {
        var suffix = $"{width}{Guid.NewGuid():N}"[..10];
        var schedule = $"sch-{suffix}";
        var policy = $"pick-{suffix}";
        using (var put = await ui.Api.PutAsJsonAsync($"/api/v1/schedules/{schedule}", new
        {
            name = $"Rota {suffix}",
            timeZone = "Etc/UTC",
            layers = new[] { new { name = "primary", participants = new[] { new[] { UiFixture.Responder } }, shift = "weekly", start = "2026-01-05T09:00" } },
        }))
        {
            put.EnsureSuccessStatusCode();
        }

        await ui.Server.ApplyConfigAsync($"""
            services:
              - key: a-{suffix}
                name: API
              - key: b-{suffix}
                name: Background jobs that settle card payments overnight
              - key: c-{suffix}
                name: Checkout
            """);

        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, $"/escalation-policies/{policy}");
        var step = page.GetByTestId("step").First;
        var pick = step.GetByTestId("step-target-pick");
        await Expect(pick.Locator($"option[value='user:{UiFixture.Viewer}']")).ToHaveCountAsync(0);
        await pick.SelectOptionAsync($"user:{UiFixture.Responder}");
        await step.GetByTestId("step-target-pick").SelectOptionAsync($"schedule:{schedule}");
        await step.GetByTestId("step-target-pick").SelectOptionAsync("commander");
        await Expect(step.GetByTestId("step-targets")).ToHaveValueAsync($"user:{UiFixture.Responder}, schedule:{schedule}, commander");
        await Expect(step.GetByTestId("step-target-pick")).ToHaveValueAsync("");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(page.GetByTestId("policy-saved")).ToBeVisibleAsync();

        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var service in new[] { "a", "b", "c" })
        {
            var row = page.Locator($"[data-testid=service][data-service='{service}-{suffix}']");
            var box = await row.GetByTestId("service-toggle").BoundingBoxAsync() ?? throw new InvalidOperationException("no checkbox");
            var label = await row.Locator("label").BoundingBoxAsync() ?? throw new InvalidOperationException("no label");
            var top = await row.BoundingBoxAsync() ?? throw new InvalidOperationException("no row");
            Assert.True(box.X < label.X, $"the box of {service} is not before its name");
            Assert.True(box.Height <= 24, $"the box of {service} is {box.Height}px tall, taller than its line");
            Assert.True(Math.Abs(box.Y + (box.Height / 2) - (label.Y + (label.Height / 2))) <= 2,
                $"the box of {service} is not centred on its name: box {box.Y}+{box.Height}, name {label.Y}+{label.Height}, row {top.Y}");
            boxes.Add(box);
        }

        Assert.All(boxes, b => Assert.True(Math.Abs(b.X - boxes[0].X) < 0.5, $"the boxes are not in one column: {string.Join(", ", boxes.Select(x => x.X))}"));
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"61-policy-pickers-{width}-{scheme}");
    }
}
