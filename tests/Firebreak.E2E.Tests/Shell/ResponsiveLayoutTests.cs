using System.Net.Http.Json;
using System.Text.Json;
using Firebreak.E2E.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Firebreak.E2E.Tests.Shell;

/// <summary>The app at 3 a.m. on a phone (390×844) and on a wide laptop screen.</summary>
[Collection(UiCollection.Name)]
public sealed class ResponsiveLayoutTests(UiFixture ui)
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    [Fact]
    public async Task EveryPage_AtPhoneWidth_DoesNotScrollSideways()
    {
        var routes = await RoutesWithDataAsync();
        await using var context = await ui.NewContextAsync(PhoneWidth, PhoneHeight);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);
        var tooWide = new List<string>();
        foreach (var route in routes)
        {
            // The password page is a plain server-rendered form: it never becomes interactive.
            if (route == "/account/password")
            {
                await page.GotoAsync(route);
            }
            else
            {
                await page.GotoLiveAsync(route);
            }

            await Expect(page.Locator("main h1").First).ToBeVisibleAsync();
            var width = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            if (width[0] > width[1])
            {
                // Name the innermost elements that stick out, so a failure says what to fix.
                var culprits = await page.EvaluateAsync<string[]>("""
                    w => [...document.querySelectorAll('body *')]
                      .filter(e => e.getBoundingClientRect().right > w + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
                      .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().split(/\s+/).join('.') : ''))
                    """, width[1]);
                tooWide.Add($"{route}: {width[0]} px wide in a {width[1]} px window ({string.Join(", ", culprits)})");
                await ui.ScreenshotAsync(page, $"phone-too-wide{route.Replace('/', '_')}");
            }
        }

        await using var signedOut = await ui.NewContextAsync(PhoneWidth, PhoneHeight);
        var login = await signedOut.NewPageAsync();
        await login.GotoAsync("/login");
        var loginWidth = await login.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (loginWidth[0] > loginWidth[1])
        {
            tooWide.Add($"/login: {loginWidth[0]} px wide in a {loginWidth[1]} px window");
        }

        Assert.True(tooWide.Count == 0, string.Join("\n", tooWide));
    }

    [Fact]
    public async Task Navigation_AtPhoneWidth_CollapsesBehindMenuButtonReachableByKeyboard()
    {
        await using var context = await ui.NewContextAsync(PhoneWidth, PhoneHeight);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);
        var menu = page.GetByTestId("nav-menu");
        var audit = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Audit log" });

        await Expect(menu).ToBeVisibleAsync();
        await Expect(audit).ToBeHiddenAsync();
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(audit).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-group-Settings")).ToBeVisibleAsync();
        await ui.ScreenshotAsync(page, "60-phone-menu-open");
        await page.Keyboard.PressAsync("Escape");
        await Expect(audit).ToBeHiddenAsync();

        await menu.ClickAsync();
        await audit.ClickAsync();
        await Expect(page.GetByTestId("audit-table")).ToBeVisibleAsync();
        // A link followed inside the app must not leave the menu covering the page it opened.
        await Expect(audit).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Navigation_AtPhoneWidthWithoutJavaScript_StillOpens()
    {
        await using var context = await ui.NewContextAsync(o => o.JavaScriptEnabled = false, PhoneWidth, PhoneHeight);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("login-username").FillAsync(ServerProcess.AdminUser);
        await page.GetByTestId("login-password").FillAsync(ServerProcess.AdminPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToBeAttachedAsync();

        var schedules = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "On call" });
        await Expect(schedules).ToBeHiddenAsync();
        await page.GetByTestId("nav-menu").ClickAsync();
        await Expect(schedules).ToBeVisibleAsync();
    }

    [Fact]
    public async Task IncidentPage_AtPhoneWidth_AcknowledgeIsOnTheFirstScreenBeforeTheTimeline()
    {
        var slug = await ui.DeclareAsync("Phone: login latency high", "SEV-1");
        await using var context = await ui.NewContextAsync(PhoneWidth, PhoneHeight);
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword);
        await page.GotoLiveAsync($"/incidents/{slug}");

        var acknowledge = await BoxAsync(page.GetByTestId("transition-investigating"));
        var timeline = await BoxAsync(page.GetByTestId("timeline"));
        await ui.ScreenshotAsync(page, "61-phone-incident");
        Assert.True(acknowledge.Y + acknowledge.Height <= PhoneHeight, $"Acknowledge ends at {acknowledge.Y + acknowledge.Height} px, below the {PhoneHeight} px screen.");
        Assert.True(acknowledge.Y < timeline.Y, "Acknowledge comes after the timeline.");
    }

    [Fact]
    public async Task ScheduleCalendar_AtPhoneWidth_HourLabelsDoNotOverlap()
    {
        var key = await ScheduleAsync();
        await using var context = await ui.NewContextAsync(PhoneWidth, PhoneHeight);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);
        await page.GotoLiveAsync($"/schedules/{key}");
        await Expect(page.GetByTestId("schedule-calendar")).ToBeVisibleAsync();

        var overlaps = await page.EvaluateAsync<string[]>("""
            () => {
              const boxes = [...document.querySelectorAll('[data-testid=schedule-calendar] .hours span')]
                .filter(e => e.offsetParent !== null).map(e => [e.textContent, e.getBoundingClientRect()]);
              const out = [];
              for (let i = 1; i < boxes.length; i++)
                if (boxes[i][1].left < boxes[i - 1][1].right) out.push(`${boxes[i - 1][0]} / ${boxes[i][0]}`);
              return boxes.length < 2 ? ['fewer than two hour labels shown'] : out;
            }
            """);
        await ui.ScreenshotAsync(page, "62-phone-calendar");
        Assert.Empty(overlaps);
    }

    [Fact]
    public async Task Header_AtLaptopWidth_StaysOnOneRow()
    {
        await using var context = await ui.NewContextAsync(1400, 900);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);

        // One row: every visible item of the header overlaps every other vertically.
        var rows = await page.EvaluateAsync<double[]>("""
            () => {
              const boxes = [...document.querySelector('header.topbar').children]
                .map(e => e.getBoundingClientRect()).filter(b => b.width > 0 && b.height > 0);
              return [Math.max(...boxes.map(b => b.top)), Math.min(...boxes.map(b => b.bottom))];
            }
            """);
        await ui.ScreenshotAsync(page, "63-laptop-header");
        Assert.True(rows[0] < rows[1], $"The header wraps: an item starts at {rows[0]} px, below another that ends at {rows[1]} px.");
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator)
    {
        await Expect(locator).ToBeVisibleAsync();
        return await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("Not laid out.");
    }

    private async Task<string> ScheduleAsync()
    {
        var key = $"e2e-{Guid.NewGuid():N}"[..16];
        using var response = await ui.Api.PutAsJsonAsync($"/api/v1/schedules/{key}", new
        {
            name = $"Phone rota {key}",
            timeZone = "Europe/Berlin",
            layers = new[] { new { name = "primary", participants = new[] { new[] { ServerProcess.AdminUser } }, shift = "weekly", start = "2026-01-05T09:00" } },
        });
        response.EnsureSuccessStatusCode();
        return key;
    }

    // Every page a person reaches from the navigation, plus one detail page of each kind, with data behind them.
    private async Task<string[]> RoutesWithDataAsync()
    {
        var slug = await ui.DeclareAsync("Phone width: checkout errors with a long title that must wrap on a small screen");
        var schedule = await ScheduleAsync();
        var policy = $"e2e-{Guid.NewGuid():N}"[..16];
        using (var put = await ui.Api.PutAsJsonAsync($"/api/v1/escalation-policies/{policy}",
            new { name = $"Phone policy {policy}", steps = new[] { new { targets = new[] { $"user:{ServerProcess.AdminUser}" }, delay = "10m" } } }))
        {
            put.EnsureSuccessStatusCode();
        }

        using var created = await ui.Api.PostAsJsonAsync("/api/v1/integrations", new { name = "phone pager", kind = "pagerduty" });
        created.EnsureSuccessStatusCode();
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var integration = body.GetProperty("id").GetInt64();
        var key = body.GetProperty("key").GetString();
        using (var sent = await ui.Api.PostAsJsonAsync("/v2/enqueue", new
        {
            routing_key = key,
            event_action = "trigger",
            dedup_key = $"phone-{policy}",
            payload = new { summary = "Disk almost full on a host with a rather long name db-primary-eu-west-1", source = "db-1", severity = "critical" },
        }))
        {
            sent.EnsureSuccessStatusCode();
        }

        // A runbook with a long matcher, a long URL and a wide example block: the runbook page must wrap or scroll them in place.
        var runbook = $"phone-{policy}";
        await ui.Server.ApplyConfigAsync($"services:\n  - key: {runbook}\n    name: Phone service\n", new Dictionary<string, string>
        {
            [$"runbooks/{runbook}.md"] = $$$"""
                ---
                key: {{{runbook}}}
                title: A runbook with a rather long title about the primary database in the western European region
                services: [{{{runbook}}}]
                match: ['alertname=~"DatabasePrimaryReplicationLagTooHighForTooLong|DatabasePrimaryConnectionPoolExhausted"']
                ---

                ## Diagnosis
                ```bash
                kubectl --context production-eu-west-1 --namespace payments-database get pods --selector app=postgres-primary -o wide
                ```

                ```step http
                title: Read the replication lag from the database's own status endpoint on the primary
                url: "{{ firebreak.url }}/health/ready?a-very-long-query-string-that-goes-on=and-on-and-on-without-any-break"
                ```
                """,
        });

        // A resolved incident, so its review draft is open with metrics, impact and the timeline to pick from.
        var reviewed = await ui.DeclareAsync("Phone width: a resolved incident whose review has a long title that must wrap");
        using (var resolved = await ui.Api.PostAsJsonAsync($"/api/v1/incidents/{reviewed}/resolve", new { text = "fixed" }))
        {
            resolved.EnsureSuccessStatusCode();
        }

        var alerts = await ui.Api.GetFromJsonAsync<JsonElement>("/api/v1/alerts?limit=1");
        var alert = alerts.EnumerateArray().First().GetProperty("id").GetInt64();
        return
        [
            "/", $"/incidents/{slug}", "/incidents/new", "/alerts", $"/alerts/{alert}", "/maintenance",
            "/schedules", $"/schedules/{schedule}", "/schedules/new", $"/schedules/{schedule}/edit", "/services", "/escalation-policies", $"/escalation-policies/{policy}",
            "/integrations", $"/integrations/{integration}", "/people", "/audit", "/tokens", "/account/notifications", "/account/password",
            "/runbooks", $"/runbooks/{runbook}", "/runbooks/new", $"/runbooks/{runbook}/edit", "/runbook-secrets", "/reviews", $"/incidents/{reviewed}/review", "/no-such-page",
        ];
    }
}
