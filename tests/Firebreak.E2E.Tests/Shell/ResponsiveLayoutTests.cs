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
    private const string Marks = "e => [getComputedStyle(e).color, getComputedStyle(e).borderBottomColor].join(' ')";

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
        var page = await context.SignInAsync(UiFixture.Responder, UiFixture.UserPassword, $"/incidents/{slug}");

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
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, $"/schedules/{key}");
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

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Header_AtLaptopWidthWithMoreLinksPerGroup_StaysOneRowAndEveryLinkOpensFromItsGroupMenu(string scheme)
    {
        await using var context = await ui.NewContextAsync(o => o.ColorScheme = Screens.Scheme(scheme), 1400, 900);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword, "/alerts");

        // Analytics, a status page and drills are coming: three more links in every group must not widen the bar.
        await page.EvaluateAsync("""
            () => document.querySelectorAll('[data-testid=nav] .nav-group').forEach(g => {
              const link = g.querySelector('a');
              for (const name of ['Analytics overview', 'Public status page', 'Game-day drills']) {
                const extra = link.cloneNode(true); extra.textContent = name; extra.classList.remove('active'); link.parentElement.append(extra);
              }
            })
            """);

        // One row: every visible control of the bar overlaps the brand vertically, and the bar is no taller than one.
        var rows = await page.EvaluateAsync<string[]>("""
            () => {
              const brand = document.querySelector('header.topbar .brand').getBoundingClientRect();
              return [...document.querySelectorAll('header.topbar a, header.topbar button')]
                .filter(e => !e.closest('[popover]:not(#main-nav)'))
                .map(e => [e, e.getBoundingClientRect()]).filter(([, b]) => b.width > 0 && b.height > 0)
                .filter(([, b]) => b.top >= brand.bottom || b.bottom <= brand.top)
                .map(([e, b]) => `${e.textContent.trim()} at ${b.top}-${b.bottom} px, the brand at ${brand.top}-${brand.bottom} px`);
            }
            """);
        var height = await page.EvaluateAsync<double>("() => document.querySelector('header.topbar').getBoundingClientRect().height");
        Assert.True(rows.Length == 0 && height <= 64, $"The header wraps ({height} px tall): {string.Join("; ", rows)}");

        // The current page's group stands out from the others.
        var respond = page.GetByTestId("nav-group-button-Respond");
        var onCall = page.GetByTestId("nav-group-button-OnCall");
        Assert.NotEqual(await onCall.EvaluateAsync<string>(Marks), await respond.EvaluateAsync<string>(Marks));

        // Every link is hidden until its group's menu opens; the keyboard opens it and tabs into it.
        var links = page.Locator("[data-testid=nav] a");
        var count = await links.CountAsync();
        Assert.True(count >= 15, $"only {count} navigation links");
        await respond.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("nav-group-Respond").GetByRole(AriaRole.Link, new() { Name = "Runbooks", Exact = true })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Incidents", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await ui.ScreenshotAsync(page, $"63-laptop-nav-menu-{scheme}");
        var menu = page.GetByTestId("nav-menu-Respond");
        var colours = await menu.EvaluateAsync<string[]>("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e.querySelector('a')).color]");
        Assert.NotEqual(colours[0], colours[1]);
        Assert.NotEqual("rgba(0, 0, 0, 0)", colours[0]);
        await page.Keyboard.PressAsync("Escape");
        await Expect(menu).ToBeHiddenAsync();

        // Each menu once: after opening it, every link inside it shows; no link lives outside a menu.
        var unreachable = new List<string>();
        var menus = await links.EvaluateAllAsync<string[]>("ls => [...new Set(ls.map(e => e.closest('[popover]:not(#main-nav)')?.id ?? ''))]");
        foreach (var id in menus)
        {
            if (id.Length > 0)
            {
                await page.Locator($"[popovertarget='{id}']").ClickAsync();
            }

            unreachable.AddRange(await links.EvaluateAllAsync<string[]>(
                "(ls, id) => ls.filter(e => (e.closest('[popover]:not(#main-nav)')?.id ?? '') === id && !e.checkVisibility()).map(e => e.textContent.trim())", id));
            await page.Keyboard.PressAsync("Escape");
        }

        Assert.Empty(unreachable);
    }

    [Fact]
    public async Task Navigation_AtPhoneWidth_MenuShowsEveryLinkInOneList()
    {
        await using var context = await ui.NewContextAsync(PhoneWidth, PhoneHeight);
        var page = await context.SignInAsync(ServerProcess.AdminUser, ServerProcess.AdminPassword);
        await page.GetByTestId("nav-menu").ClickAsync();

        var hidden = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-testid=nav] a')]
              .filter(e => e.getBoundingClientRect().height === 0 || e.checkVisibility() === false).map(e => e.textContent.trim())
            """);
        Assert.True(hidden.Length == 0, $"hidden in the open phone menu: {string.Join(", ", hidden)}");
        Assert.Empty(await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=nav] .nav-group-button')].filter(e => e.checkVisibility()).map(e => e.textContent)"));
        await Screens.AssertNoSidewaysScrollAsync(page);
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
        // Titles pasted from logs often have nowhere to break: the heading must wrap them anyway.
        var unbroken = await ui.DeclareAsync($"PaymentsGatewayTimeoutsOnTheWesternEuropeanClusterAfterTheDeployOfRelease{Guid.NewGuid():N}");
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
            payload = new { summary = "DiskAlmostFullOnTheHostWithARatherLongNameDatabasePrimaryInTheWesternEuropeanRegion", source = "db-1", severity = "critical" },
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
                title: A runbook with a rather long title about DatabasePrimaryReplicationLagTooHighForTooLongInTheWesternEuropeanRegion
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
        var reviewed = await ui.DeclareAsync($"ResolvedIncidentWhoseReviewHasALongTitleWithoutSpacesThatMustWrap{Guid.NewGuid():N}");
        using (var resolved = await ui.Api.PostAsJsonAsync($"/api/v1/incidents/{reviewed}/resolve", new { text = "fixed" }))
        {
            resolved.EnsureSuccessStatusCode();
        }

        var alerts = await ui.Api.GetFromJsonAsync<JsonElement>("/api/v1/alerts?limit=1");
        var alert = alerts.EnumerateArray().First().GetProperty("id").GetInt64();
        return
        [
            "/", $"/incidents/{slug}", $"/incidents/{unbroken}", "/incidents/new", "/alerts", $"/alerts/{alert}", "/maintenance",
            "/schedules", $"/schedules/{schedule}", "/schedules/new", $"/schedules/{schedule}/edit", "/services", "/escalation-policies", $"/escalation-policies/{policy}",
            "/integrations", $"/integrations/{integration}", "/people", "/audit", "/tokens", "/account/notifications", "/account/password",
            "/runbooks", $"/runbooks/{runbook}", "/runbooks/new", $"/runbooks/{runbook}/edit", "/runbook-secrets", "/runners", "/reviews", $"/incidents/{reviewed}/review", "/no-such-page",
        ];
    }
}
