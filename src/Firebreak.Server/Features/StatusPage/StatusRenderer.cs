using System.Text;
using System.Text.Json;
using Firebreak.Core.StatusPage;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.StatusPage.Pages;
using Firebreak.Server.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.StatusPage;

/// <summary>Reads the components and their history once and renders the page and every JSON document from that read.</summary>
internal sealed class StatusRenderer(FirebreakDb db, StatusPageOptions options, PublicLinks links, TimeProvider clock, IServiceProvider services, ILoggerFactory loggers)
{
    public const string PageId = "firebreak";
    public const int UptimeDayCount = 90;
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

        var updatedAt = components.Count == 0 ? now : components.Max(c => c.UpdatedAt);
        var page = new SpPage(PageId, options.Name, new Uri(links.Base, "status").ToString(), "Etc/UTC", updatedAt);
        var spComponents = Statuspage(components);
        var status = PageIndicator.Of(components.Select(c => c.Status));
        var spStatus = new SpStatus(status.Indicator, status.Description);

        var view = new StatusView(options, status, [.. components.Select(c => new StatusView.Row(c, UptimeDays.Of(
            [.. (before.TryGetValue(c.Id, out var b) ? [b] : Enumerable.Empty<StatusComponentChange>()).Concat(changes.GetValueOrDefault(c.Id) ?? []).Select(x => (x.At, x.Status))], now, UptimeDayCount)))], updatedAt);
        var html = await RenderHtmlAsync(view);
        return new StatusDocuments(
            StatusDocument.Of(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", updatedAt),
            Json(new SpSummaryDocument(page, spComponents, [], [], spStatus), updatedAt),
            Json(new SpStatusDocument(page, spStatus), updatedAt),
            Json(new SpComponentsDocument(page, spComponents), updatedAt),
            now);
    }

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
