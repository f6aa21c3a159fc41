using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.E2E.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.ActionItems;

/// <summary>A responder adds a follow-up from the incident page, finds it in the owner's list and marks it done.</summary>
[Collection(UiCollection.Name)]
public sealed class ActionItemFlowTests(UiFixture ui)
{
    [Fact]
    public async Task AddedOnTheIncident_ShowsInTheOwnersList_AndIsMarkedDone()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        int number;
        using (var declared = await ui.Api.PostAsJsonAsync("/api/v1/incidents", new { title = $"Webhooks delayed {id}", severity = "SEV-3" }))
        {
            declared.EnsureSuccessStatusCode();
            number = (await declared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
        }

        await using var context = await ui.NewContextAsync(width: 1400, height: 900);
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword, $"/incidents/{number}");
        await page.GetByTestId("action-title").FillAsync($"Alert on webhook queue age {id}");
        await page.GetByTestId("action-owner").FillAsync(UiFixture.Responder);
        await page.GetByTestId("action-due").FillAsync("2030-03-15");
        await page.GetByTestId("action-priority").SelectOptionAsync("P0");
        await page.GetByTestId("action-add").ClickAsync();
        var added = page.GetByTestId("incident-action-item").Filter(new() { HasText = id });
        await Expect(added).ToContainTextAsync($"P0 · {UiFixture.Responder} · due 2030-03-15 · Open");
        var key = await added.GetAttributeAsync("data-key");

        await page.GotoLiveAsync($"/action-items?owner={UiFixture.Responder}");
        var row = page.GetByTestId("action-row").Filter(new() { HasText = id });
        await Expect(row).ToContainTextAsync($"incident #{number}");
        await row.GetByTestId("action-status").SelectOptionAsync("done");
        await Expect(row.GetByTestId("action-status")).ToHaveValueAsync("done");

        // The select shows the choice at once; the save follows over the circuit, so read the API until it lands.
        var status = "";
        for (var tries = 0; tries < 50 && status != "done"; tries++)
        {
            await Task.Delay(tries == 0 ? 0 : 200);
            status = (await ui.Api.GetFromJsonAsync<JsonElement>($"/api/v1/action-items/{key}")).GetProperty("status").GetString();
        }

        Assert.Equal("done", status);
    }
}
