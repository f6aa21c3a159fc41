using System.Net;
using Firebreak.Core.Intake;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Intake;
using Firebreak.Server.Features.Intake.HotPath;
using Firebreak.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Firebreak.Server.Tests.Features.Intake;

/// <summary>Alerts of one "QueueBacklog" group sent to a new integration, and what the hot path stored for them.</summary>
public abstract class HotPathTestsBase(ServerFixture fixture)
{
    protected RunningServer Server => fixture.Server;

    protected HotPathWriter HotPath => Server.App.Services.GetRequiredService<HotPathWriter>();

    protected static object Firing(params (string Host, string Summary, DateTimeOffset? StartsAt)[] alerts) => new
    {
        version = "4",
        status = "firing",
        alerts = alerts.Select(a => new
        {
            status = "firing",
            labels = new Dictionary<string, string> { ["alertname"] = "QueueBacklog", ["instance"] = a.Host, ["severity"] = "critical" },
            annotations = new Dictionary<string, string> { ["summary"] = a.Summary },
            startsAt = a.StartsAt,
            fingerprint = $"fp-{a.Host}",
        }),
    };

    protected static AlertSignal Signal(string key, string summary, DateTimeOffset startsAt, Dictionary<string, string> labels) =>
        new(AlertAction.Trigger, key, summary, Source: "prometheus", Severity: AlertSeverity.Critical, Timestamp: startsAt,
            Labels: new Dictionary<string, string>(labels) { ["alertname"] = "QueueBacklog" }, Annotations: new Dictionary<string, string> { ["summary"] = summary });

    protected static string Path(Integration integration) => $"/integrations/alertmanager/{integration.Key}";

    protected async Task<Integration> NewIntegrationAsync(string? service = null)
    {
        var key = (await Server.Admin.PostJsonAsync("/api/v1/integrations", new { name = $"joins-{Guid.NewGuid():N}", kind = "alertmanager", service })
            .ExpectAsync(HttpStatusCode.Created)).Str("key");
        return await Server.WithDbAsync(db => db.Integrations.AsNoTracking().SingleAsync(i => i.Key == key));
    }

    protected Task<Incident> IncidentAsync(Integration integration) =>
        Server.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => db.Set<Alert>().Any(a => a.IntegrationId == integration.Id && a.IncidentId == i.Id)));

    protected Task<List<string>> AlertsAsync(Integration integration) =>
        Server.WithDbAsync(async db => (await db.Alerts.AsNoTracking().Include(a => a.Events).Where(a => a.IntegrationId == integration.Id).OrderBy(a => a.DedupKey).ToListAsync())
            .Select(a => string.Join(" | ", a.DedupKey, a.OpenKey, a.Status, a.Summary, a.Source, a.Severity, a.SeverityKey, a.Component, a.Group, a.Class,
                string.Join(",", a.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")),
                string.Join(",", a.Annotations.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")),
                a.DetailsJson, a.LinksJson, a.FirstSeenAt.ToString("O"), a.LastSeenAt.ToString("O"), a.Occurrences, a.SuppressedBy, a.IncidentId is null,
                string.Join(",", a.Events.OrderBy(e => e.Id).Select(e => $"{e.At:O}/{e.Action}/{e.Outcome}/{e.Summary}"))))
            .ToList());
}
