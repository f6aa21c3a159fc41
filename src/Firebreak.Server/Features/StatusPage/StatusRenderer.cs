using System.Globalization;
using System.Text;
using System.Text.Json;
using Firebreak.Core.StatusPage;
using Firebreak.Server.Features.Maintenance;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.StatusPage.Pages;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>Reads the components, their history and the public incidents once and renders the page and every JSON document from that read.</summary>
internal sealed class StatusRenderer(FirebreakDb db, StatusPageOptions options, PublicLinks links, TimeProvider clock, IServiceProvider services, ILoggerFactory loggers)
{
    public const string PageId = "firebreak";
    public const int UptimeDayCount = 90;

    /// <summary>Statuspage's <c>incidents.json</c> lists the latest 50.</summary>
    public const int IncidentCount = 50;
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };

    public async Task<StatusDocuments> RenderAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var components = await db.StatusComponents.AsNoTracking().ToListAsync(ct);
        components = [.. components.Sorted()];
        var since = now.AddDays(-UptimeDayCount - 1);
        var changes = (await db.StatusComponentChanges.AsNoTracking().Where(c => c.At >= since).ToListAsync(ct))
            .GroupBy(c => c.ComponentId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.At).ThenBy(c => c.Id).ToList());
        // A component's status when the window opens is the one its last change before then set.
        var before = new Dictionary<long, StatusComponentChange>();
        foreach (var c in components)
        {
            if (await db.StatusComponentChanges.AsNoTracking().Where(x => x.ComponentId == c.Id && x.At < since)
                .OrderByDescending(x => x.At).ThenByDescending(x => x.Id).FirstOrDefaultAsync(ct) is { } last)
            {
                before[c.Id] = last;
            }
        }

        var windows = await db.MaintenanceWindows.AsNoTracking().Include(w => w.Service).Where(w => w.Public).ToListAsync(ct);
        var (occurrences, nextChange) = PublicMaintenance.At(windows, now, w => w.Components.Count > 0
            ? w.Components
            : [.. components.Where(c => w.Service is { } s && c.Services.Contains(s.Key, StringComparer.Ordinal)).Select(c => c.Key)]);
        // Components under maintenance now show it, unless someone set an outage on them: that is what readers need to see.
        var underMaintenance = occurrences.Where(o => o.Status == PublicMaintenance.InProgress).SelectMany(o => o.Components).ToHashSet(StringComparer.Ordinal);
        foreach (var c in components.Where(c => underMaintenance.Contains(c.Key) && c.Status == ComponentStatus.Operational))
        {
            c.Status = ComponentStatus.UnderMaintenance;
        }

        var incidents = await PublicIncidentsAsync(ct);
        var updatedAt = components.Select(c => c.UpdatedAt).Concat(incidents.Select(i => i.Public.UpdatedAt)).DefaultIfEmpty(now).Max();
        var page = new SpPage(PageId, options.Name, PageUrl, "Etc/UTC", updatedAt);
        var spComponents = Statuspage(components);
        // An unresolved public incident counts by its impact, so the overall line never says all is well beside it.
        var status = PageIndicator.Of(components.Select(c => c.Status).Concat(incidents
            .Where(i => PublicIncidentStatus.IsUnresolved(i.Public.Status)).Select(i => PublicIncidentStatus.AsComponentStatus(i.Public.Impact))));
        var spStatus = new SpStatus(status.Indicator, status.Description);
        var spIncidents = incidents.Select(i => Statuspage(i, components, spComponents)).ToList();
        var unresolved = spIncidents.Where(i => PublicIncidentStatus.IsUnresolved(i.Status)).ToList();
        var spMaintenances = occurrences.Select(o => Statuspage(o, spComponents)).ToList();
        var upcoming = spMaintenances.Where(m => m.Status == PublicMaintenance.Scheduled).OrderBy(m => m.ScheduledFor).ToList();
        var active = spMaintenances.Where(m => m.Status == PublicMaintenance.InProgress).OrderBy(m => m.ScheduledFor).ToList();
        var names = components.ToDictionary(c => c.Key, c => c.Name, StringComparer.Ordinal);

        var view = new StatusView(options, status, [.. components.Select(c => new StatusView.Row(c, UptimeDays.Of(
            [.. (before.TryGetValue(c.Id, out var b) ? [b] : Enumerable.Empty<StatusComponentChange>()).Concat(changes.GetValueOrDefault(c.Id) ?? []).Select(x => (x.At, x.Status))], now, UptimeDayCount)))], updatedAt,
            [.. incidents.Where(i => PublicIncidentStatus.IsUnresolved(i.Public.Status))], [.. incidents.Where(i => !PublicIncidentStatus.IsUnresolved(i.Public.Status))],
            [.. occurrences.Where(o => o.Status != PublicMaintenance.Completed).OrderBy(o => o.Status == PublicMaintenance.Scheduled).ThenBy(o => o.ScheduledFor)
                .Select(o => new StatusView.Maintenance(o, [.. o.Components.Where(names.ContainsKey).Select(k => names[k])]))]);
        var html = await RenderHtmlAsync(view);
        return new StatusDocuments(
            StatusDocument.Of(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", updatedAt),
            new Dictionary<string, StatusDocument>(StringComparer.Ordinal)
            {
                ["summary"] = Json(new SpSummaryDocument(page, spComponents, unresolved, [.. active.Concat(upcoming)], spStatus), updatedAt),
                ["status"] = Json(new SpStatusDocument(page, spStatus), updatedAt),
                ["components"] = Json(new SpComponentsDocument(page, spComponents), updatedAt),
                ["incidents"] = Json(new SpIncidentsDocument(page, [.. spIncidents.Take(IncidentCount)]), updatedAt),
                ["incidents/unresolved"] = Json(new SpIncidentsDocument(page, unresolved), updatedAt),
                ["scheduled-maintenances"] = Json(new SpScheduledMaintenancesDocument(page, [.. spMaintenances.Take(IncidentCount)]), updatedAt),
                ["scheduled-maintenances/upcoming"] = Json(new SpScheduledMaintenancesDocument(page, upcoming), updatedAt),
                ["scheduled-maintenances/active"] = Json(new SpScheduledMaintenancesDocument(page, active), updatedAt),
            },
            StatusDocument.Of(StatusAtomFeed.Render(options.Name, PageUrl, [.. incidents.Take(IncidentCount)], updatedAt), "application/atom+xml; charset=utf-8", updatedAt),
            now,
            nextChange);
    }

    private string PageUrl => new Uri(links.Base, "status").ToString();

    /// <summary>The unresolved public incidents and the latest resolved ones, newest first, each with its published updates.</summary>
    private async Task<List<StatusView.Incident>> PublicIncidentsAsync(CancellationToken ct)
    {
        // Ids grow with time, so ordering by id is ordering by creation on both providers (SQLite cannot order by DateTimeOffset).
        var published = db.PublicIncidents.AsNoTracking().Include(p => p.Updates).Where(p => p.PublishedAt != null);
        var latest = await published.OrderByDescending(p => p.Id).Take(IncidentCount).ToListAsync(ct);
        var open = await published.Where(p => p.Status != PublicIncidentStatus.Resolved).ToListAsync(ct);
        var rows = latest.Concat(open).DistinctBy(p => p.Id).OrderByDescending(p => p.Id).ToList();
        var names = (await db.StatusComponents.AsNoTracking().Select(c => new { c.Key, c.Name }).ToListAsync(ct)).ToDictionary(c => c.Key, c => c.Name, StringComparer.Ordinal);
        return [.. rows.Select(p => new StatusView.Incident(
            p,
            [.. p.Updates.Where(u => u.PublishedAt is not null).OrderByDescending(u => u.PublishedAt).ThenByDescending(u => u.Id)],
            [.. p.Components.Where(names.ContainsKey).Select(k => names[k])]))];
    }

    private SpIncident Statuspage(StatusView.Incident incident, IReadOnlyList<StatusComponent> components, IReadOnlyList<SpComponent> spComponents)
    {
        var p = incident.Public;
        var id = Id(p.Id);
        var affected = components.Where(c => p.Components.Contains(c.Key, StringComparer.Ordinal)).ToList();
        var spAffected = affected.Select(c => new SpAffectedComponent(c.Key, c.Name, c.Status, c.Status)).ToList();
        var published = p.PublishedAt!.Value;
        return new SpIncident(
            id, p.Name, p.Status, published, p.UpdatedAt, p.MonitoringAt, p.ResolvedAt, p.Impact, $"{PageUrl}#{incident.Anchor}", published, PageId,
            [.. incident.Updates.Select(u => new SpIncidentUpdate(Id(u.Id), u.Status, u.Body, id, u.PublishedAt!.Value, u.PublishedAt!.Value, u.PublishedAt!.Value, spAffected))],
            [.. spComponents.Where(c => !c.Group && p.Components.Contains(c.Id, StringComparer.Ordinal))]);
    }

    private SpScheduledMaintenance Statuspage(PublicMaintenance m, IReadOnlyList<SpComponent> spComponents)
    {
        var affected = spComponents.Where(c => !c.Group && m.Components.Contains(c.Id, StringComparer.Ordinal)).ToList();
        var codes = affected.Select(c => new SpAffectedComponent(c.Id, c.Name, c.Status, c.Status)).ToList();
        // Statuspage's maintenance moves through updates; these are the ones the window's times imply, newest first.
        var updates = new List<SpIncidentUpdate>();
        if (m.Status == PublicMaintenance.Completed)
        {
            updates.Add(new SpIncidentUpdate($"{m.Id}-completed", PublicMaintenance.Completed, "The scheduled maintenance has been completed.", m.Id, m.ScheduledUntil, m.ScheduledUntil, m.ScheduledUntil, codes));
        }

        if (m.Status != PublicMaintenance.Scheduled)
        {
            updates.Add(new SpIncidentUpdate($"{m.Id}-in_progress", PublicMaintenance.InProgress, "Scheduled maintenance is in progress.", m.Id, m.ScheduledFor, m.ScheduledFor, m.ScheduledFor, codes));
        }

        var announced = m.CreatedAt < m.ScheduledFor ? m.CreatedAt : m.ScheduledFor;
        updates.Add(new SpIncidentUpdate($"{m.Id}-scheduled", PublicMaintenance.Scheduled, m.Name, m.Id, announced, announced, announced, codes));
        return new SpScheduledMaintenance(
            m.Id, m.Name, m.Status, announced, updates[0].CreatedAt, null, m.Status == PublicMaintenance.Completed ? m.ScheduledUntil : null,
            PageIndicator.Maintenance, $"{PageUrl}#{m.Id}", m.ScheduledFor, PageId, updates, affected, m.ScheduledFor, m.ScheduledUntil);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static List<SpComponent> Statuspage(IReadOnlyList<StatusComponent> components)
    {
        var result = new List<SpComponent>();
        var position = 1;
        foreach (var group in components.GroupBy(c => c.GroupName))
        {
            string? groupId = null;
            if (group.Key is { } name)
            {
                var members = group.ToList();
                groupId = GroupId(name);
                result.Add(new SpComponent(groupId, name, Worst(members.Select(m => m.Status)), members.Min(m => m.CreatedAt), members.Max(m => m.UpdatedAt),
                    position++, null, false, null, null, PageId, true, false, [.. members.Select(m => m.Key)]));
            }

            foreach (var c in group)
            {
                result.Add(new SpComponent(c.Key, c.Name, c.Status, c.CreatedAt, c.UpdatedAt, position++, c.Description, true, null, groupId, PageId, false, false, null));
            }
        }

        return result;
    }

    /// <summary>A group shows its worst member, as Statuspage does.</summary>
    private static string Worst(IEnumerable<string> statuses) => PageIndicator.Of(statuses).Indicator switch
    {
        PageIndicator.Critical => ComponentStatus.MajorOutage,
        PageIndicator.Major => ComponentStatus.PartialOutage,
        PageIndicator.Minor => ComponentStatus.DegradedPerformance,
        PageIndicator.Maintenance => ComponentStatus.UnderMaintenance,
        _ => ComponentStatus.Operational,
    };

    private static string GroupId(string name) =>
        "group-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12];

    private static StatusDocument Json<T>(T document, DateTimeOffset updatedAt) =>
        StatusDocument.Of(JsonSerializer.SerializeToUtf8Bytes(document, s_json), "application/json; charset=utf-8", updatedAt);

    private async Task<string> RenderHtmlAsync(StatusView view)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<PublicStatusPage>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PublicStatusPage.View)] = view }));
            return "<!DOCTYPE html>\n" + output.ToHtmlString();
        });
    }
}
