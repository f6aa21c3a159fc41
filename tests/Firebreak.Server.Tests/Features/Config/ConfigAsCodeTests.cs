using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Incidents.Config;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Config;

public abstract class ConfigAsCodeTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public void Validate_ShippedExamples_HaveNoErrors()
    {
        var (set, errors) = FirebreakServer.OfflineConfigReader().Read(ConfigApplier.FindExamplesDir());

        Assert.Empty(errors);
        Assert.NotNull(set.Severity);
        Assert.NotEmpty(set.Users);
        Assert.NotEmpty(set.Services);
        Assert.NotEmpty(set.Incidents);
    }

    [Fact]
    public void Validate_BrokenConfig_ReportsFileAndLine()
    {
        using var dir = new TempDir();
        dir.Write("people.yaml", """
            users:
              - username: zoe
                role: wizard
            teams:
              - key: core
                members: [zoe, ghost]
            """);
        dir.Write("services.yaml", """
            services:
              - key: api
                team: nowhere
            severity:
              levels:
                - key: S1
                  acknowledge_within: soon
            """);
        dir.Write("broken.yaml", "services: [ {key: a\n");

        var (_, errors) = FirebreakServer.OfflineConfigReader().Read(dir.Path);

        Assert.Contains(errors, e => e.StartsWith("people.yaml:3:", StringComparison.Ordinal) && e.Contains("wizard", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("people.yaml:5:", StringComparison.Ordinal) && e.Contains("ghost", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("services.yaml:2:", StringComparison.Ordinal) && e.Contains("nowhere", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("services.yaml:7:", StringComparison.Ordinal) && e.Contains("not a duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("broken.yaml:", StringComparison.Ordinal) && e.Contains("not valid YAML", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_Twice_IsIdempotentAndAudited()
    {
        using var dir = new TempDir();
        dir.Write("config.yaml", """
            severity:
              preset: p
            users:
              - username: olu
                name: Olu Bello
                role: responder
            teams:
              - key: storage
                name: Storage
                members: [olu]
            services:
              - key: blob-store
                name: Blob store
                team: storage
            """);

        var first = await ApplyAsync(dir.Path);
        var second = await ApplyAsync(dir.Path);

        Assert.Empty(first.Errors);
        Assert.StartsWith("4 change(s)", first.Summary, StringComparison.Ordinal);
        Assert.StartsWith("0 change(s)", second.Summary, StringComparison.Ordinal);
        var user = await Server.WithDbAsync(db => db.Users.SingleAsync(u => u.Username == "olu"));
        Assert.Equal(Role.Responder, user.Role);
        Assert.Null(user.PasswordHash);
        var service = await Server.WithDbAsync(db => db.Services.Include(s => s.OwnerTeam).SingleAsync(s => s.Key == "blob-store"));
        Assert.Equal("storage", service.OwnerTeam!.Key);
        Assert.Equal(1, await Server.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.Resource == "service/blob-store")));

        // The P preset is now in force for new incidents.
        await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = "P scheme", severity = "P1", service = "blob-store" })
            .ExpectAsync(System.Net.HttpStatusCode.Created);
    }

    [Fact]
    public async Task Apply_InvalidConfig_ChangesNothing()
    {
        using var dir = new TempDir();
        dir.Write("bad.yaml", "services:\n  - key: orphan\n    team: missing\n");
        var before = await Server.WithDbAsync(db => db.Services.CountAsync());

        var result = await ApplyAsync(dir.Path);

        Assert.NotEmpty(result.Errors);
        Assert.Equal(before, await Server.WithDbAsync(db => db.Services.CountAsync()));
    }

    private async Task<ApplyResult> ApplyAsync(string dir)
    {
        await using var scope = Server.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, dir, demo: false, default);
    }
}

public sealed class ConfigAsCodeTests_Sqlite(SqliteServerFixture f) : ConfigAsCodeTests(f), IClassFixture<SqliteServerFixture>;

public sealed class ConfigAsCodeTests_Postgres(PostgresServerFixture f) : ConfigAsCodeTests(f), IClassFixture<PostgresServerFixture>;
