using System.Net;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Audit;

/// <summary>The audit log filtered by who and by action (or a family of actions), a page at a time, in the API and on its page.</summary>
public abstract class AuditFilterTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<string> DeclareAsync(string title) =>
        (await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title, severity = "SEV-4" }).ExpectAsync(HttpStatusCode.Created)).Str("slug");

    [Fact]
    public async Task Api_FiltersByActorAndActionFamily_AndPages()
    {
        var slug = await DeclareAsync($"Audited {Tag()}");
        await Server.Responder.PostAsync($"/api/v1/incidents/{slug}/acknowledge", null).ExpectAsync(HttpStatusCode.OK);
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{slug}/status", new { status = "identified" }).ExpectAsync(HttpStatusCode.OK);
        var resource = $"incident/{slug}";

        var byRita = await Server.Admin.GetAsync($"/api/v1/audit?resource={resource}&actor=rita").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, byRita.GetArrayLength());
        Assert.Equal(0, (await Server.Admin.GetAsync($"/api/v1/audit?resource={resource}&actor=adam").ExpectAsync(HttpStatusCode.OK)).GetArrayLength());

        var statuses = await Server.Admin.GetAsync($"/api/v1/audit?resource={resource}&action=incident.status").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["incident.status.identified", "incident.status.investigating"], statuses.EnumerateArray().Select(e => e.Str("action")));
        var exact = await Server.Admin.GetAsync($"/api/v1/audit?resource={resource}&actor=rita&action=incident.declare").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("incident.declare", Assert.Single(exact.EnumerateArray()).Str("action"));
        Assert.Equal(0, (await Server.Admin.GetAsync($"/api/v1/audit?resource={resource}&action=incident.stat").ExpectAsync(HttpStatusCode.OK)).GetArrayLength());

        using var first = await Server.Admin.GetAsync($"/api/v1/audit?resource={resource}&limit=2");
        Assert.Equal("3", first.Headers.GetValues("X-Total-Count").Single());
        var second = await Server.Admin.GetAsync($"/api/v1/audit?resource={resource}&limit=2&page=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("incident.declare", Assert.Single(second.EnumerateArray()).Str("action"));
    }

    [Fact]
    public async Task Page_FiltersWithAGetForm_ListingWhoAndWhichActions()
    {
        var slug = await DeclareAsync($"Audited page {Tag()}");
        using var browser = new BrowserSession(Server.BaseAddress);
        await browser.SignInAsync("adam", RunningServer.UserPassword);

        var html = await browser.Http.GetStringAsync($"/audit?actor=rita&action=incident.declare&resource=incident/{slug}");

        Assert.Contains("method=\"get\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"rita\" selected", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"incident.declare\" selected", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"incident\"", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("data-testid=\"audit-row\"").Length - 1);
        Assert.Contains("1–1 of 1", html, StringComparison.Ordinal);

        var none = await browser.Http.GetStringAsync($"/audit?actor=adam&resource=incident/{slug}");
        Assert.Contains("data-testid=\"audit-empty\"", none, StringComparison.Ordinal);
    }
}

public sealed class AuditFilterTests_Sqlite(SqliteServerFixture f) : AuditFilterTests(f), IClassFixture<SqliteServerFixture>;

public sealed class AuditFilterTests_Postgres(PostgresServerFixture f) : AuditFilterTests(f), IClassFixture<PostgresServerFixture>;
