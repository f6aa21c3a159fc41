using System.Net;
using Firebreak.Server.Tests.Support;

namespace Firebreak.Server.Tests.Features.Ops;

public abstract class OpsEndpointTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Health_LiveAndReady_AreOk()
    {
        using var live = await Server.Anonymous.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await Server.Anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_CountIncidentsByStatusAndSeverity_AndHttpDurations()
    {
        await Server.Responder.PostJsonAsync("/api/v1/incidents", new { title = "Metrics probe", severity = "SEV-3" }).ExpectAsync(HttpStatusCode.Created);

        using var response = await Server.Anonymous.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("firebreak_incidents\\{status=\"triggered\",severity=\"SEV-3\"\\} [1-9]", text);
        Assert.Contains("http_request_duration_seconds_bucket", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesIncidentEndpoints()
    {
        var doc = await Server.Anonymous.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);

        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/incidents", out var incidents));
        Assert.True(incidents.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/incidents/{reference}/status", out _));
    }

    [Fact]
    public async Task UnknownApiRoute_IsProblem404() =>
        await Server.Viewer.GetAsync("/api/v1/nothing-here").ExpectProblemAsync(HttpStatusCode.NotFound);
}

public sealed class OpsEndpointTests_Sqlite(SqliteServerFixture f) : OpsEndpointTests(f), IClassFixture<SqliteServerFixture>;

public sealed class OpsEndpointTests_Postgres(PostgresServerFixture f) : OpsEndpointTests(f), IClassFixture<PostgresServerFixture>;
