using System.Globalization;
using System.Net;
using System.Text.Json;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Incidents;

/// <summary>
/// Finding an incident by number, title, service or an alert's label, a page at a time, in the API and on the incident
/// list; runs once per database provider because case and wildcards differ between them.
/// </summary>
public abstract class IncidentSearchTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonElement> DeclareAsync(string title, string? service = null, string severity = "SEV-3") =>
        await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title, severity, service }).ExpectAsync(HttpStatusCode.Created);

    private async Task<List<int>> SearchAsync(string q, string extra = "")
    {
        var list = await Server.Viewer.GetAsync($"/api/v1/incidents?q={Uri.EscapeDataString(q)}{extra}").ExpectAsync(HttpStatusCode.OK);
        return [.. list.EnumerateArray().Select(i => i.GetProperty("number").GetInt32())];
    }

    [Fact]
    public async Task Search_ByNumberWithOrWithoutHash_FindsThatIncident()
    {
        var number = (await DeclareAsync($"Numbered {Tag()}")).GetProperty("number").GetInt32();

        Assert.Contains(number, await SearchAsync($"#{number}"));
        Assert.Equal([number], await SearchAsync($"#{number}"));
        Assert.Contains(number, await SearchAsync(number.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal([number], await SearchAsync($"INC-{number}"));
    }

    [Fact]
    public async Task Search_ByTitle_IsCaseInsensitiveAndTakesWildcardsLiterally()
    {
        var tag = Tag();
        var checkout = (await DeclareAsync($"Checkout API {tag} returning 500s")).GetProperty("number").GetInt32();
        var percent = (await DeclareAsync($"Disk 100% full {tag}_x")).GetProperty("number").GetInt32();

        Assert.Equal([checkout], await SearchAsync($"CHECKOUT api {tag}"));
        Assert.Equal([checkout], await SearchAsync($"{tag.ToUpperInvariant()} 500s"));
        Assert.Equal([percent], await SearchAsync($"100% {tag}"));
        Assert.Equal([percent], await SearchAsync($"{tag}_x"));
        Assert.Empty(await SearchAsync($"{tag}%x"));
        Assert.Empty(await SearchAsync($"{tag} nothing-like-this"));
    }

    [Fact]
    public async Task Search_ByServiceKeyOrName_FindsItsIncidents()
    {
        var key = $"svc-{Tag()}";
        await Server.Admin.PostJsonAsync("/api/v1/services", new { key, name = $"Ledger {key}" }).ExpectAsync(HttpStatusCode.Created);
        var on = (await DeclareAsync("Balances wrong", key)).GetProperty("number").GetInt32();

        Assert.Equal([on], await SearchAsync(key.ToUpperInvariant()));
        Assert.Equal([on], await SearchAsync($"ledger {key}"));
        Assert.Equal([on], await SearchAsync($"service:{key}"));
    }

    [Fact]
    public async Task Search_ByAlertLabel_FindsTheIncidentTheAlertOpened()
    {
        var integration = (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"am-{Tag()}", kind = "alertmanager" })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        var (cluster, fingerprint) = ($"eu-{Tag()}", Tag());
        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{integration}", new
        {
            version = "4",
            groupKey = $"{{}}:{{alertname=\"Latency{fingerprint}\"}}",
            alerts = new[]
            {
                new { status = "firing", labels = new Dictionary<string, string> { ["alertname"] = $"Latency{fingerprint}", ["severity"] = "critical", ["k8s_cluster"] = cluster }, fingerprint },
            },
        }).ExpectAsync(HttpStatusCode.OK);
        var number = await Server.WithDbAsync(db => Task.FromResult(db.Alerts.Where(a => a.DedupKey == fingerprint).Select(a => a.Incident!.Number).Single()));

        Assert.Equal([number], await SearchAsync($"k8s_cluster:{cluster}"));
        Assert.Equal([number], await SearchAsync($"k8s_cluster={cluster.ToUpperInvariant()}"));
        Assert.Equal([number], await SearchAsync($"alertname=Latency{fingerprint} k8s_cluster:{cluster}"));
        Assert.Empty(await SearchAsync($"k8s_cluster:{cluster}x"));
        Assert.Empty(await SearchAsync($"alertname:{cluster}"));
    }

    [Fact]
    public async Task Search_WithStatusFilter_BothMustMatch()
    {
        var tag = Tag();
        var open = (await DeclareAsync($"Queue lag {tag}")).GetProperty("number").GetInt32();
        var resolved = (await DeclareAsync($"Queue lag {tag} again")).Str("slug");
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{resolved}/resolve", new { text = "drained" }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, (await SearchAsync($"queue lag {tag}")).Count);
        Assert.Equal([open], await SearchAsync($"queue lag {tag}", "&open=true"));
    }

    [Fact]
    public async Task List_Pages_CountEveryMatchAndMeetAtTheBoundary()
    {
        var tag = Tag();
        var numbers = new List<int>();
        for (var n = 0; n < 5; n++)
        {
            numbers.Add((await DeclareAsync($"Paged {tag} {n}")).GetProperty("number").GetInt32());
        }

        using var first = await Server.Viewer.GetAsync($"/api/v1/incidents?q={tag}&limit=2");
        Assert.Equal("5", first.Headers.GetValues("X-Total-Count").Single());
        var pages = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            pages.AddRange(await SearchAsync(tag, $"&limit=2&page={page}"));
        }

        numbers.Reverse();
        Assert.Equal(numbers, pages);
        Assert.Empty(await SearchAsync(tag, "&limit=2&page=4"));
        var bad = await Server.Viewer.GetAsync("/api/v1/incidents?page=0").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("page", out _));
    }

    [Fact]
    public async Task ListPage_SearchesWithAGetForm_AndPagesFiftyAtATime()
    {
        var tag = Tag();
        for (var n = 0; n < IncidentListPageSize + 1; n++)
        {
            await DeclareAsync($"Flapping {tag} {n}");
        }

        using var browser = new BrowserSession(Server.BaseAddress);
        await browser.SignInAsync("vera", RunningServer.UserPassword);

        var first = await browser.Http.GetStringAsync($"/?q={tag}");
        Assert.Contains("name=\"q\"", first, StringComparison.Ordinal);
        Assert.Contains($"value=\"{tag}\"", first, StringComparison.Ordinal);
        Assert.Equal(IncidentListPageSize, CountRows(first));
        Assert.Contains($"1–{IncidentListPageSize} of {IncidentListPageSize + 1}", first, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"pager-older\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"pager-newer\"", first, StringComparison.Ordinal);

        var second = await browser.Http.GetStringAsync($"/?q={tag}&page=2");
        Assert.Equal(1, CountRows(second));
        Assert.Contains($"{IncidentListPageSize + 1}–{IncidentListPageSize + 1} of {IncidentListPageSize + 1}", second, StringComparison.Ordinal);
        Assert.Contains($"Flapping {tag} 0<", second, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"pager-newer\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"pager-older\"", second, StringComparison.Ordinal);
    }

    private const int IncidentListPageSize = 50;

    private static int CountRows(string html) => html.Split("data-testid=\"incident-row\"").Length - 1;
}

public sealed class IncidentSearchTests_Sqlite(SqliteServerFixture f) : IncidentSearchTests(f), IClassFixture<SqliteServerFixture>;

public sealed class IncidentSearchTests_Postgres(PostgresServerFixture f) : IncidentSearchTests(f), IClassFixture<PostgresServerFixture>;
