using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Firebreak.E2E.Tests.Support;

[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiFixture>
{
    public const string Name = "ui";
}

/// <summary>
/// One server and one Chromium for the whole suite (starting either costs seconds); each test opens its own browser
/// contexts, so cookies never leak between tests.
/// </summary>
public sealed class UiFixture : IAsyncLifetime
{
    public const string UserPassword = "user-password-for-e2e";
    public const string Responder = "rita";
    public const string Viewer = "vera";

    private IPlaywright? _playwright;

    public ServerProcess Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The API as admin, for arranging data a test is not about.</summary>
    public HttpClient Api { get; private set; } = null!;

    public string ScreenshotDir { get; } = Path.Combine(ServerProcess.RepoRoot(), "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDir);
        var server = ServerProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Server = await server;
        await SeedUsersAsync();
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    /// <summary>A fresh browser context (its own cookies) with a readable viewport for screenshots, or the given one.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900) => NewContextAsync(_ => { }, width, height);

    /// <summary>A fresh browser context as above, with options a test changes (colour scheme, time zone, no JavaScript).</summary>
    public Task<IBrowserContext> NewContextAsync(Action<BrowserNewContextOptions> configure, int width = 1280, int height = 900)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "UTC",
        };
        configure(options);
        return Browser.NewContextAsync(options);
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, $"{name}.png"), FullPage = true });

    // A second person to work the incident alongside admin, and a viewer; created over the API like an operator would.
    private async Task SeedUsersAsync()
    {
        var http = Api = new HttpClient { BaseAddress = Server.BaseAddress };
        using var tokenResponse = await http.PostAsJsonAsync("/api/v1/auth/token",
            new { username = ServerProcess.AdminUser, password = ServerProcess.AdminPassword, tokenName = "e2e seed" });
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (username, displayName, role) in new[] { (Responder, "Rita Responder", "responder"), (Viewer, "Vera Viewer", "viewer") })
        {
            using var created = await http.PostAsJsonAsync("/api/v1/users", new { username, displayName, role, password = UserPassword });
            created.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Declares an incident over the API and returns its slug.</summary>
    public async Task<string> DeclareAsync(string title, string severity = "SEV-2")
    {
        using var response = await Api.PostAsJsonAsync("/api/v1/incidents", new { title, severity });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
