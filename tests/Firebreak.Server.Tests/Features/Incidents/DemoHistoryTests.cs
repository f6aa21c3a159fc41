using Firebreak.Core.Incidents;
using Firebreak.Server.Engine;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Config;
using Firebreak.Server.Features.Escalation;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Incidents;

/// <summary>
/// The demo replays incidents that happened in the past. History is told, not re-lived: a resolved demo incident must
/// not page anyone today, nor carry escalation lines stamped today at the top of its timeline.
/// </summary>
public abstract class DemoHistoryTests(ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task ReplayedDemoIncidents_PageNobody_AndTheirTimelinesHoldOnlyTheirStory()
    {
        await using (var scope = Server.App.Services.CreateAsyncScope())
        {
            var applied = await scope.ServiceProvider.GetRequiredService<ConfigApplier>().ApplyAsync(Actor.System, ConfigApplier.FindExamplesDir(), demo: true, default);
            Assert.Empty(applied.Errors);
        }

        await Server.App.Services.GetRequiredService<WorkRunner>().RunDueAsync();
        Server.Clock.Advance(TimeSpan.FromHours(1));
        await Server.App.Services.GetRequiredService<WorkRunner>().RunDueAsync();

        var demo = await Server.WithDbAsync(db => db.Incidents.Where(i => i.AlertGroupKey == null).Select(i => new { i.Id, i.Status }).ToListAsync());
        var resolved = demo.Where(i => i.Status is IncidentStatus.Resolved or IncidentStatus.Closed).Select(i => i.Id).ToList();
        Assert.NotEmpty(resolved);
        var ids = demo.Select(i => i.Id).ToList();
        Assert.Equal(0, await Server.WithDbAsync(db => db.NotificationDeliveries.CountAsync(d => d.IncidentId != null && ids.Contains(d.IncidentId.Value))));
        Assert.Equal(0, await Server.WithDbAsync(db => db.IncidentEscalations.CountAsync(e => ids.Contains(e.IncidentId))));
        var pagingLines = await Server.WithDbAsync(db => db.TimelineEntries
            .Where(t => resolved.Contains(t.IncidentId) && (t.Kind == TimelineKind.Escalated || t.Kind == TimelineKind.ConditionRuleFired || t.Kind == TimelineKind.Notification))
            .Select(t => t.Text).ToListAsync());
        Assert.Empty(pagingLines);
    }
}

public sealed class DemoHistoryTests_Sqlite(SqliteServerFixture f) : DemoHistoryTests(f), IClassFixture<SqliteServerFixture>;
