using System.Net;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Tests.Features.Intake;

public abstract class MergeSplitTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    /// <summary>Two alerts grouped into one incident by alertname.</summary>
    private async Task<(long A, long B, long IncidentId)> GroupedPairAsync()
    {
        var integration = await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"ms-{Guid.NewGuid():N}", kind = "alertmanager" })
            .ExpectAsync(HttpStatusCode.Created);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await Server.Anonymous.PostJsonAsync($"/integrations/alertmanager/{integration.Str("key")}", new
        {
            alerts = new[]
            {
                new { status = "firing", labels = new Dictionary<string, string> { ["alertname"] = "Errors", ["instance"] = "a" }, fingerprint = $"{tag}-a" },
                new { status = "firing", labels = new Dictionary<string, string> { ["alertname"] = "Errors", ["instance"] = "b" }, fingerprint = $"{tag}-b" },
            },
        }).ExpectAsync(HttpStatusCode.OK);
        var alerts = await Server.WithDbAsync(db => db.Alerts.Where(a => a.DedupKey.StartsWith(tag)).OrderBy(a => a.DedupKey).ToListAsync());
        Assert.Equal(alerts[0].IncidentId, alerts[1].IncidentId);
        return (alerts[0].Id, alerts[1].Id, alerts[0].IncidentId!.Value);
    }

    [Fact]
    public async Task Split_MovesAlertToNewIncident_WithTimelineOnBoth()
    {
        var (_, b, incidentId) = await GroupedPairAsync();

        var moved = await Server.Responder.PostJsonAsync($"/api/v1/alerts/{b}/move", new { incident = "new" }).ExpectAsync(HttpStatusCode.OK);

        var to = moved.GetProperty("toIncident").GetInt32();
        var alert = await Server.WithDbAsync(db => db.Alerts.Include(a => a.Incident).SingleAsync(a => a.Id == b));
        Assert.Equal(to, alert.Incident!.Number);
        Assert.NotEqual(incidentId, alert.IncidentId);
        var fromKinds = await Server.WithDbAsync(db => db.TimelineEntries.Where(t => t.IncidentId == incidentId).Select(t => t.Kind).ToListAsync());
        Assert.Contains("alert_moved", fromKinds);
        var toTimeline = await Server.Viewer.GetAsync($"/api/v1/incidents/{to}/timeline").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(toTimeline.EnumerateArray(), t => t.Str("kind") == "alert_moved");
    }

    [Fact]
    public async Task Merge_MovesAllAlertsAndResolvesTheSource()
    {
        var first = await GroupedPairAsync();
        var second = await GroupedPairAsync();
        var (source, target) = await Server.WithDbAsync(async db =>
            (await db.Incidents.SingleAsync(i => i.Id == first.IncidentId), await db.Incidents.SingleAsync(i => i.Id == second.IncidentId)));

        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{source.Number}/merge", new { into = target.Slug }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(4, await Server.WithDbAsync(db => db.Alerts.CountAsync(a => a.IncidentId == target.Id)));
        var merged = await Server.Viewer.GetAsync($"/api/v1/incidents/{source.Number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("resolved", merged.Str("status"));
        Assert.Contains($"merged into #{target.Number}", merged.GetProperty("timeline").EnumerateArray().Last().Str("text"), StringComparison.Ordinal);

        var again = await Server.Responder.PostJsonAsync($"/api/v1/incidents/{target.Number}/merge", new { into = source.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("open incident", again.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveAndMerge_BadTargets_AreClearErrors()
    {
        var (a, _, incidentId) = await GroupedPairAsync();
        var number = await Server.WithDbAsync(db => db.Incidents.Where(i => i.Id == incidentId).Select(i => i.Number).SingleAsync());

        await Server.Responder.PostJsonAsync($"/api/v1/alerts/{a}/move", new { incident = number.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        await Server.Responder.PostJsonAsync($"/api/v1/alerts/{a}/move", new { incident = "inc-19990101-nothing" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Responder.PostJsonAsync("/api/v1/alerts/99999999/move", new { incident = "new" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await Server.Responder.PostJsonAsync($"/api/v1/incidents/{number}/merge", new { into = (string?)null }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await Server.Viewer.PostJsonAsync($"/api/v1/alerts/{a}/move", new { incident = "new" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(IncidentStatus.Triggered, await Server.WithDbAsync(db => db.Incidents.Where(i => i.Id == incidentId).Select(i => i.Status).SingleAsync()));
    }
}

public sealed class MergeSplitTests_Sqlite(SqliteServerFixture f) : MergeSplitTests(f), IClassFixture<SqliteServerFixture>;

public sealed class MergeSplitTests_Postgres(PostgresServerFixture f) : MergeSplitTests(f), IClassFixture<PostgresServerFixture>;
