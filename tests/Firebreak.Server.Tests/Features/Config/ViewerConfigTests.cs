using System.Net;
using System.Net.Http.Json;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Config;

/// <summary>Config as code puts no viewer on call, and demotes nobody who is; each refusal at its file and line; once per provider.</summary>
public abstract class ViewerConfigTests(ServerFixture fixture)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    private RunningServer Server => fixture.Server;

    private async Task<ConfigPlan> PlanAsync(string dir)
    {
        await using var scope = Server.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConfigApplier>().PlanAsync(dir, default);
    }

    private async Task<ApplyResult> ApplyAsync(string dir)
    {
        await using var scope = Server.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir, demo: false, default);
    }

    [Fact]
    public async Task Plan_ScheduleAndPolicyNamingViewers_FailAtTheirLines()
    {
        using var dir = new TempDir();
        dir.Write("oncall.yaml", $"""
            users:
              - username: sam-{_id}
                role: viewer
            schedules:
              - key: s-{_id}
                name: Primary
                time_zone: UTC
                layers:
                  - name: primary
                    participants: [rita, sam-{_id}]
                    shift: weekly
                    start: 2026-01-05T09:00
                overrides:
                  - person: vera
                    from: 2026-01-16T09:00:00Z
                    to: 2026-01-16T21:00:00Z
            escalation_policies:
              - key: p-{_id}
                name: Policy
                steps:
                  - targets: [user:rita]
                    delay: 5m
                  - targets: [user:vera]
                    delay: 5m
            """);

        var plan = await PlanAsync(dir.Path);

        Assert.Contains($"oncall.yaml:10: schedule 's-{_id}', layer 'primary' names viewer 'sam-{_id}'; only responders and admins can be on call", plan.Errors);
        Assert.Contains(plan.Errors, e => e.StartsWith("oncall.yaml:14: ", StringComparison.Ordinal) && e.Contains("viewer 'vera'", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.StartsWith("oncall.yaml:23: ", StringComparison.Ordinal) && e.Contains("viewer 'vera'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_DemotingSomeoneOnCall_FailsAtTheirLine_NamingTheSchedule()
    {
        var name = $"kofi-{_id}";
        await Server.Admin.PostAsJsonAsync("/api/v1/users", new { username = name, role = "responder" }, HttpTesting.Json).ExpectAsync(HttpStatusCode.Created);
        var key = $"s-{_id}";
        await Server.Admin.PutAsJsonAsync($"/api/v1/schedules/{key}", new
        {
            name = "Primary",
            timeZone = "UTC",
            layers = new[] { new { name = "primary", participants = new[] { new[] { name } }, shift = "weekly", start = "2026-01-05T09:00" } },
        }, HttpTesting.Json).ExpectAsync(HttpStatusCode.OK);
        using var dir = new TempDir();
        dir.Write("people.yaml", $"""
            users:
              - username: {name}
                role: viewer
            """);

        var result = await ApplyAsync(dir.Path);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("people.yaml:2: ", error, StringComparison.Ordinal);
        Assert.Contains($"schedule '{key}'", error, StringComparison.Ordinal);

        dir.Write("schedules.yaml", $"""
            schedules:
              - key: {key}
                name: Primary
                time_zone: UTC
                layers:
                  - name: primary
                    participants: [rita]
                    shift: weekly
                    start: 2026-01-05T09:00
            """);
        Assert.Empty((await ApplyAsync(dir.Path)).Errors);
    }
}

public sealed class ViewerConfigTests_Sqlite(SqliteServerFixture f) : ViewerConfigTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ViewerConfigTests_Postgres(PostgresServerFixture f) : ViewerConfigTests(f), IClassFixture<PostgresServerFixture>;
