using System.Net;
using System.Net.Http.Json;
using System.Text;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Runbooks;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Runbooks;

/// <summary>Runbooks written through the API (as the browser's editor does): checked, versioned, audited; and config's word on the ones it lists.</summary>
public abstract class RunbookEditTests(ServerFixture fixture)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private string Key => $"edit-{_id}";

    private string Setup => $"""
        teams:
          - key: team-{_id}
            name: Payments
        services:
          - key: svc-{_id}
            name: Payments
            team: team-{_id}
        """;

    private string Text(string title = "Pool exhausted", string key = "", string extra = "") => $"""
        ---
        key: {(key.Length > 0 ? key : Key)}
        title: {title}
        services: [svc-{_id}]
        owner: team-{_id}
        {extra}
        ---

        ## Recovery
        ```step manual
        title: Look at the pool
        ```
        """;

    private static StringContent Markdown(string text) => new(text, Encoding.UTF8, "text/markdown");

    [Fact]
    public async Task Post_ThenPut_AsMarkdownOrJson_MakesVersionsFromTheUi_Audited_AndARunKeepsTheVersionItRan()
    {
        await ApplyAsync(dir => { });
        var created = await Server.Admin.PostAsync("/api/v1/runbooks", Markdown(Text())).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal((1, "ui", "Pool exhausted"), (created.GetProperty("runbook").GetProperty("version").GetInt32(), created.GetProperty("runbook").Str("source"), created.GetProperty("runbook").Str("title")));
        var incident = await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = $"Pool {_id}", severity = "SEV-2", service = $"svc-{_id}" }).ExpectAsync(HttpStatusCode.Created);
        var number = incident.GetProperty("number").GetInt32();
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/runbook-runs", new { runbook = Key }).ExpectAsync(HttpStatusCode.Created);

        var updated = await Server.Admin.PutAsJsonAsync($"/api/v1/runbooks/{Key}", new { text = Text("Connection pool exhausted"), version = 1 }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        var same = await Server.Admin.PutAsync($"/api/v1/runbooks/{Key}", Markdown(Text("Connection pool exhausted"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((2, "Connection pool exhausted"), (updated.GetProperty("runbook").GetProperty("version").GetInt32(), updated.GetProperty("runbook").Str("title")));
        Assert.Equal(2, same.GetProperty("runbook").GetProperty("version").GetInt32());
        var stale = await Server.Admin.PutAsJsonAsync($"/api/v1/runbooks/{Key}", new { text = Text("Mine"), version = 1 }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("at version 2 now, not 1", stale.Str("detail"), StringComparison.Ordinal);
        var runs = await Server.Viewer.GetAsync($"/api/v1/incidents/{number}/runbook-runs").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, runs[0].GetProperty("version").GetInt32());
        var audit = await Server.WithDbAsync(db => db.AuditEvents.Where(a => a.Resource == $"runbook/{Key}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["runbook.create", "runbook.update"], audit);
        await Server.Admin.PostAsync("/api/v1/runbooks", Markdown(Text())).ExpectProblemAsync(HttpStatusCode.Conflict);
        await Server.Responder.PutAsync($"/api/v1/runbooks/{Key}", Markdown(Text("Responder's"))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await Server.Admin.PutAsync($"/api/v1/runbooks/nope-{_id}", Markdown(Text(key: $"nope-{_id}"))).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadTexts_AreProblemsNamingFileAndLine_AndSaveNothing()
    {
        await ApplyAsync(dir => { });
        await Server.Admin.PostAsync("/api/v1/runbooks", Markdown(Text())).ExpectAsync(HttpStatusCode.Created);
        var broken = Text() + "\n```step shell\ntitle: Restart\nargv: restart now\n```\n";

        var step = await Server.Admin.PutAsync($"/api/v1/runbooks/{Key}", Markdown(broken)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await Server.Admin.PostAsync("/api/v1/runbooks", Markdown(Text(key: $"other-{_id}").Replace($"owner: team-{_id}", "owner: nobody", StringComparison.Ordinal))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var rekeyed = await Server.Admin.PutAsync($"/api/v1/runbooks/{Key}", Markdown(Text(key: $"other-{_id}"))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var longTitle = await Server.Admin.PutAsync($"/api/v1/runbooks/{Key}", Markdown(Text(new string('t', 201)))).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var front = await Server.Admin.PostAsync("/api/v1/runbooks", Markdown("# no front matter\n")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Admin.PutAsync($"/api/v1/runbooks/{Key}", new StringContent("", Encoding.UTF8, "text/markdown")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Admin.PutAsync($"/api/v1/runbooks/{Key}", new ByteArrayContent([0x2d, 0xff, 0xfe]) { Headers = { { "Content-Type", "text/markdown" } } }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Admin.PutAsync($"/api/v1/runbooks/{Key}", Markdown(Text() + "\0")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Admin.PutAsync($"/api/v1/runbooks/{Key}", new StringContent(Text(), Encoding.UTF8, "application/xml")).ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await Server.Admin.PutAsJsonAsync($"/api/v1/runbooks/{Key}", new { title = "no text" }, HttpTesting.Json).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains($"runbooks/{Key}.md:15: 'argv'", step.GetProperty("errors").GetProperty("text")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains($"runbooks/{Key}.md:15", step.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("runbooks/new.md:2: runbook", unknown.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("owned by unknown team 'nobody'", unknown.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("a key cannot change", rekeyed.Str("detail"), StringComparison.Ordinal);
        Assert.Contains($"runbooks/{Key}.md:3: a title is at most 200 characters", longTitle.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("runbooks/new.md:1: a runbook starts with front matter", front.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(1, await Server.WithDbAsync(db => db.RunbookVersions.CountAsync(v => db.Set<Runbook>().Any(r => r.Id == v.RunbookId && r.Key == Key))));
        Assert.False(await Server.WithDbAsync(db => db.Runbooks.AnyAsync(r => r.Key == $"other-{_id}")));
    }

    [Fact]
    public async Task ConfigApplyingADifferentText_OverARunbookWrittenInTheUi_Wins_SaysSoInThePlan_AndKeepsTheUiVersion()
    {
        await ApplyAsync(dir => dir.Write("runbooks/pool.md", Text()));
        await Server.Admin.PutAsync($"/api/v1/runbooks/{Key}", Markdown(Text("Edited in the browser"))).ExpectAsync(HttpStatusCode.OK);

        var applied = await ApplyAsync(dir => dir.Write("runbooks/pool.md", Text()));

        var change = Assert.Single(applied.Changes, c => c.Resource == $"runbook/{Key}");
        var version = Assert.Single(change.Fields, f => f.Field == "version");
        Assert.Equal(("2", "3"), (version.Old, version.New));
        Assert.Contains("replaces version 2, written in the browser", version.Note, StringComparison.Ordinal);
        var row = await Server.WithDbAsync(db => db.Runbooks.SingleAsync(r => r.Key == Key));
        Assert.Equal(("config", 3, "Pool exhausted"), (row.Source, row.Version, row.Title));
        var texts = await Server.WithDbAsync(db => db.RunbookVersions.Where(v => v.RunbookId == row.Id).OrderBy(v => v.Number).Select(v => v.Text).ToListAsync());
        Assert.Contains("Edited in the browser", texts[1], StringComparison.Ordinal);
    }

    private async Task<ApplyResult> ApplyAsync(Action<TempDir> write)
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Setup);
        Directory.CreateDirectory(Path.Combine(dir.Path, "runbooks"));
        write(dir);
        using var scope = Server.App.Services.CreateScope();
        var applied = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir.Path, demo: false, default);
        Assert.Empty(applied.Errors);
        return applied;
    }
}

public sealed class RunbookEditTests_Sqlite(SqliteServerFixture f) : RunbookEditTests(f), IClassFixture<SqliteServerFixture>;

public sealed class RunbookEditTests_Postgres(PostgresServerFixture f) : RunbookEditTests(f), IClassFixture<PostgresServerFixture>;
