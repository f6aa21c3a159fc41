using System.Net;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>The alert list a page at a time, in the API and on the alerts page, once per database provider.</summary>
public abstract class AlertPagingTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>One Alertmanager group of <paramref name="count"/> firing alerts, so they join one incident; its number.</summary>
    private async Task<int> FireAsync(int count)
    {
        var key = (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"am-{Tag()}", kind = "alertmanager" })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        var group = Tag();
        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{key}", new
        {
            version = "4",
            groupKey = $"{{}}:{{alertname=\"Disk{group}\"}}",
            alerts = Enumerable.Range(0, count).Select(n => new
            {
                status = "firing",
                labels = new Dictionary<string, string> { ["alertname"] = $"Disk{group}", ["instance"] = $"host-{n}", ["severity"] = "warning" },
                fingerprint = $"{group}-{n}",
            }).ToArray(),
        }).ExpectAsync(HttpStatusCode.OK);
        var dedup = $"{group}-0";
        return await Server.WithDbAsync(db => Task.FromResult(db.Alerts.Where(a => a.DedupKey == dedup).Select(a => a.Incident!.Number).Single()));
    }

    [Fact]
    public async Task Api_PagesAlertsWithTheTotalInAHeader()
    {
        var incident = await FireAsync(3);

        using var first = await Server.Viewer.GetAsync($"/api/v1/alerts?status=all&incident={incident}&limit=2");
        Assert.Equal("3", first.Headers.GetValues("X-Total-Count").Single());
        var page1 = await Server.Viewer.GetAsync($"/api/v1/alerts?status=all&incident={incident}&limit=2").ExpectAsync(HttpStatusCode.OK);
        var page2 = await Server.Viewer.GetAsync($"/api/v1/alerts?status=all&incident={incident}&limit=2&page=2").ExpectAsync(HttpStatusCode.OK);
        var ids = page1.EnumerateArray().Concat(page2.EnumerateArray()).Select(a => a.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(1, page2.GetArrayLength());
        var bad = await Server.Viewer.GetAsync("/api/v1/alerts?page=0").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("page", out _));
    }

    [Fact]
    public async Task Page_ShowsFiftyAndLinksToOlder()
    {
        await FireAsync(51);
        var total = await Server.WithDbAsync(db => Task.FromResult(db.Alerts.Count()));
        using var browser = new BrowserSession(Server.BaseAddress);
        await browser.SignInAsync("vera", RunningServer.UserPassword);

        var first = await browser.Http.GetStringAsync("/alerts?status=all");
        Assert.Equal(50, first.Split("data-testid=\"alert-row\"").Length - 1);
        Assert.Contains($"1–50 of {total}", first, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"pager-older\"", first, StringComparison.Ordinal);

        var second = await browser.Http.GetStringAsync("/alerts?status=all&page=2");
        Assert.Contains($"51–{Math.Min(100, total)} of {total}", second, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"pager-newer\"", second, StringComparison.Ordinal);
    }
}

public sealed class AlertPagingTests_Sqlite(SqliteServerFixture f) : AlertPagingTests(f), IClassFixture<SqliteServerFixture>;

public sealed class AlertPagingTests_Postgres(PostgresServerFixture f) : AlertPagingTests(f), IClassFixture<PostgresServerFixture>;
