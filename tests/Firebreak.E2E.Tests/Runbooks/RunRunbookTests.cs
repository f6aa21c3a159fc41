using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Runbooks;

/// <summary>A responder runs the runbook an incident offers, step by step, and reads each result on the timeline.</summary>
[Collection(UiCollection.Name)]
public sealed class RunRunbookTests(UiFixture ui)
{
    public static TheoryData<int, int, string> Sizes => Screens.DesktopLightAndPhoneDark;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task ARunbookOfferedOnTheIncident_RunsStepByStep_WithEachOutputOnTheTimeline(int width, int height, string scheme)
    {
        var id = $"{width}{scheme}{Guid.NewGuid():N}"[..16];
        var service = $"rb-{id}";
        await ui.Server.ApplyConfigAsync($"""
            services:
              - key: {service}
                name: Orders {id}
            """, new Dictionary<string, string>
        {
            [$"runbooks/{service}.md"] = $$$"""
                ---
                key: {{{service}}}
                title: Orders pool exhausted {{{id}}}
                services: [{{{service}}}]
                ---

                ## Diagnosis
                ```step manual
                title: Look at the pool dashboard
                ```

                ## Recovery
                ```step http
                title: Check the server answers
                url: "{{ firebreak.url }}/health/live"
                ```

                ```step http
                title: Check it is ready
                url: "{{ firebreak.url }}/health/ready"
                ```

                ```step manual
                title: Watch the pool drain
                ```
                """,
        });
        int number;
        using (var declared = await ui.Api.PostAsJsonAsync("/api/v1/incidents", new { title = $"Orders slow {id}", severity = "SEV-3", service }))
        {
            declared.EnsureSuccessStatusCode();
            number = (await declared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        }

        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), width, height);
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword, $"/incidents/{number}");

        var offered = page.GetByTestId("incident-runbook").Filter(new() { HasText = $"Orders pool exhausted {id}" });
        await Expect(offered).ToContainTextAsync($"for service {service}");
        await offered.GetByTestId("runbook-start").ClickAsync();
        var run = page.GetByTestId("runbook-run");
        await Expect(run.GetByTestId("run-step")).ToHaveCountAsync(4);

        await run.GetByTestId("run-step").Nth(0).GetByTestId("run-step-note").FillAsync("pool flat at the maximum");
        await run.GetByTestId("run-step").Nth(0).GetByTestId("run-step-done").ClickAsync();
        await Expect(run.GetByTestId("run-step").Nth(0)).ToHaveAttributeAsync("data-status", "done");
        // A ticked step shows who ticked it and the note, and no Done button to tick it again.
        await Expect(run.GetByTestId("run-step").Nth(0).GetByTestId("run-step-done")).ToHaveCountAsync(0);
        await Expect(run.GetByTestId("run-step").Nth(0).GetByTestId("run-step-result")).ToContainTextAsync("pool flat at the maximum");
        await run.GetByTestId("run-step").Nth(1).GetByTestId("run-step-run").ClickAsync();
        // The first click only asks: nothing is sent until it is confirmed.
        await Expect(run.GetByTestId("run-step").Nth(1)).ToHaveAttributeAsync("data-status", "pending");
        await run.GetByTestId("run-step-confirm").ClickAsync();
        await Expect(run.GetByTestId("run-step").Nth(1)).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(run.GetByTestId("run-step-stdout")).ToContainTextAsync("Healthy");

        // Run all asks first too, then runs what is left in order and stops at the manual step.
        await run.GetByTestId("run-all").ClickAsync();
        await Expect(run.GetByTestId("run-step").Nth(2)).ToHaveAttributeAsync("data-status", "pending");
        await run.GetByTestId("run-all-confirm").ClickAsync();
        await Expect(run.GetByTestId("run-step").Nth(2)).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(run.GetByTestId("run-step").Nth(3)).ToHaveAttributeAsync("data-status", "pending");
        await Expect(run.GetByTestId("run-all-stopped")).ToContainTextAsync("Watch the pool drain");

        var timeline = page.GetByTestId("timeline-entry");
        await Expect(timeline.Filter(new() { HasText = "Done: step 1 'Look at the pool dashboard'" })).ToContainTextAsync("pool flat at the maximum");
        var ran = timeline.Filter(new() { HasText = "Ran step 2 'Check the server answers'" });
        await Expect(ran).ToContainTextAsync("→ 200 in");
        await Expect(ran).ToContainTextAsync("Healthy");
        await Expect(timeline.Filter(new() { HasText = "Ran step 3 'Check it is ready'" })).ToContainTextAsync("→ 200 in");
        await Screens.AssertNoSidewaysScrollAsync(page);
        await ui.ScreenshotAsync(page, $"runbook-run-{width}-{scheme}");

        await run.GetByTestId("run-worked").ClickAsync();
        await Expect(run.GetByTestId("run-verdict")).ToContainTextAsync("It worked");
        await Expect(timeline.Filter(new() { HasText = "worked: validated by this incident" })).ToHaveCountAsync(1);
        await page.GotoLiveAsync($"/runbooks/{service}");
        await Expect(page.GetByTestId("runbook-validated")).Not.ToContainTextAsync("never run");
        await Screens.AssertNoSidewaysScrollAsync(page);
    }
}
