using System.Net;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.OnCall;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Config;

/// <summary>Schedules in config as code against a server whose clock reads Thursday 2026-01-15 02:12 UTC; once per provider.</summary>
public abstract class ScheduleConfigTests(ServerFixture fixture)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private string Key => $"plat-{_id}";

    private string Ann => $"ann-{_id}";

    private string Bob => $"bob-{_id}";

    private string Cy => $"cy-{_id}";

    // A weekly rotation from Monday 2026-01-05 09:00 Berlin: bob (slot 2) is on in the week of the test clock. 'rita' is
    // only in the database (the fixture's responder), which a schedule may name as well as the config's own users.
    private string Config(string participants, string overrides = "") => $"""
        users:
          - username: {Ann}
          - username: {Bob}
          - username: {Cy}
        schedules:
          - key: {Key}
            name: Platform primary
            time_zone: Europe/Berlin
            layers:
              - name: primary
                participants: [{participants}]
                shift: weekly
                start: 2026-01-05T09:00
              - name: weekend
                participants: [[{Cy}, rita]]
                shift: daily
                start: 2026-01-03T08:00
                restrictions: [Sat-Sun]
        {overrides}
        """;

    [Fact]
    public async Task Apply_CreatesTheScheduleThroughTheService_AndTwiceChangesNothing()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config($"{Ann}, {Bob}"));

        var plan = await PlanAsync(dir.Path);
        var first = await ApplyAsync(dir.Path);
        var second = await ApplyAsync(dir.Path);

        Assert.Empty(plan.Errors);
        var text = plan.Render();
        Assert.Contains($"+ create schedule/{Key}\n", text, StringComparison.Ordinal);
        Assert.Contains($"      layer primary: weekly from 2026-01-05T09:00: {Ann}, {Bob}\n", text, StringComparison.Ordinal);
        Assert.Contains($"      layer weekend: daily from 2026-01-03T08:00, [Sat-Sun]: {Cy}+rita\n", text, StringComparison.Ordinal);
        Assert.Empty(first.Errors);
        Assert.StartsWith("0 change(s)", second.Summary, StringComparison.Ordinal);
        var schedule = await Server.Viewer.GetAsync($"/api/v1/schedules/{Key}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Platform primary", schedule.Str("name"));
        Assert.Equal([Bob], schedule.GetProperty("onCallNow").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["schedule.create"], await AuditAsync());
    }

    [Fact]
    public async Task Plan_ParticipantChange_SaysWhoStaysOnCall_AndApplyKeepsThem()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config($"{Ann}, {Bob}"));
        await ApplyAsync(dir.Path);

        dir.Write("config.yaml", Config($"{Ann}, {Cy}, {Bob}"));
        var plan = await PlanAsync(dir.Path);
        var applied = await ApplyAsync(dir.Path);
        var again = await PlanAsync(dir.Path);

        Assert.Contains($"~ update schedule/{Key}\n      layer primary participants: {Ann}, {Bob} → {Ann}, {Cy}, {Bob} (keeps {Bob} on call)\n",
            plan.Render(), StringComparison.Ordinal);
        Assert.StartsWith("1 change(s)", applied.Summary, StringComparison.Ordinal);
        Assert.False(again.HasChanges, again.Render());
        var now = await Server.Viewer.GetAsync($"/api/v1/schedules/{Key}/on-call").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Bob, now.GetProperty("people")[0].GetString());
        var next = await Server.Viewer.GetAsync($"/api/v1/schedules/{Key}/on-call?at=2026-01-20T12:00:00Z").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Ann, next.GetProperty("people")[0].GetString());
        Assert.Equal(["schedule.create", "schedule.update"], await AuditAsync());
    }

    [Fact]
    public async Task Overrides_AreKeptUnlessTheFileListsThem()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config($"{Ann}, {Bob}"));
        await ApplyAsync(dir.Path);
        await Server.WithDbAsync(async db =>
        {
            // As if someone covered a shift through the API: config without 'overrides:' leaves it.
            var row = await db.Schedules.SingleAsync(s => s.Key == Key);
            row.OverridesJson = $$"""[{"person":"{{Ann}}","from":"2026-01-16T08:00:00Z","to":"2026-01-16T20:00:00Z","mode":null}]""";
            return await db.SaveChangesAsync();
        });

        Assert.False((await PlanAsync(dir.Path)).HasChanges);
        dir.Write("config.yaml", Config($"{Ann}, {Bob}", $"""
                overrides:
                  - person: {Cy}
                    from: 2026-01-16T09:00:00+01:00
                    to: 2026-01-16T21:00:00+01:00
            """));
        var text = (await PlanAsync(dir.Path)).Render();

        Assert.Contains($"      overrides: {Ann} 2026-01-16T08:00:00Z – 2026-01-16T20:00:00Z → {Cy} 2026-01-16T09:00:00+01:00 – 2026-01-16T21:00:00+01:00\n",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownUser_IsAnErrorAtItsLine_AndNothingIsApplied()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", Config($"{Ann}, ghost-{_id}"));

        var result = await ApplyAsync(dir.Path);

        Assert.Contains($"config.yaml:11: schedule '{Key}', layer 'primary' names unknown user 'ghost-{_id}'", result.Errors);
        Assert.False(await Server.WithDbAsync(db => db.Schedules.AnyAsync(s => s.Key == Key)));
        Assert.False(await Server.WithDbAsync(db => db.Users.AnyAsync(u => u.Username == Ann)));
    }

    private Task<List<string>> AuditAsync() => Server.WithDbAsync(db =>
        db.AuditEvents.Where(a => a.Resource == $"schedule/{Key}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

    private async Task<ApplyResult> ApplyAsync(string dir)
    {
        await using var scope = Server.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir, demo: false, default);
    }

    private async Task<ConfigPlan> PlanAsync(string dir)
    {
        await using var scope = Server.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConfigApplier>().PlanAsync(dir, default);
    }
}

public sealed class ScheduleConfigTests_Sqlite(SqliteServerFixture f) : ScheduleConfigTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ScheduleConfigTests_Postgres(PostgresServerFixture f) : ScheduleConfigTests(f), IClassFixture<PostgresServerFixture>;
