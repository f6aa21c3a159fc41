using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

public sealed record AlertSummaryDto(
    long Id, string Integration, string DedupKey, string Status, string Summary, string Severity, string SeverityKey, string? Source,
    DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, DateTimeOffset? ResolvedAt, int Occurrences, int? IncidentNumber, string? IncidentSlug,
    string? SuppressedBy);

/// <summary>One page of alerts: <see cref="Total"/> counts every match, not just this page.</summary>
public sealed record AlertPage(IReadOnlyList<AlertSummaryDto> Alerts, int Total, int Page, int PageSize);

public sealed record AlertEventDto(long Id, DateTimeOffset At, string Action, string Outcome, string? Summary);

public sealed record AlertDetailDto(
    AlertSummaryDto Alert, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations,
    string? DetailsJson, string? LinksJson, IReadOnlyList<AlertEventDto> Events);

public sealed record ChangeEventDto(long Id, DateTimeOffset At, string Summary, string? Source, string? Service, string? LinksJson, string? DetailsJson);

public sealed class AlertQueries(FirebreakDb db)
{
    /// <summary>How far back "what changed before this incident?" looks.</summary>
    public static readonly TimeSpan ChangeLookBack = TimeSpan.FromHours(6);

    public async Task<IReadOnlyList<ChangeEventDto>> ChangesAsync(string? service, DateTimeOffset? before, TimeSpan lookBack, int limit, CancellationToken ct)
    {
        var query = db.ChangeEvents.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(service))
        {
            var id = await db.Services.Where(s => s.Key == service).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct) ?? -1;
            query = query.Where(c => c.ServiceId == id);
        }

        if (before is { } end)
        {
            var start = end - lookBack;
            query = query.Where(c => c.At <= end && c.At >= start);
        }

        var rows = await query.OrderByDescending(c => c.At).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
        var names = await db.Services.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Key, ct);
        return [.. rows.Select(c => new ChangeEventDto(c.Id, c.At, c.Summary, c.Source, c.ServiceId is { } sid ? names.GetValueOrDefault(sid) : null, c.LinksJson, c.DetailsJson))];
    }

    /// <summary>Changes on the incident's service in the hours before it was declared (all services when it has none).</summary>
    public async Task<Outcome<IReadOnlyList<ChangeEventDto>>> ChangesBeforeIncidentAsync(string reference, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().ByReference(reference).Include(i => i.Service).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.NotFound(IncidentReference.NotFound(reference));
        }

        return (await ChangesAsync(incident.Service?.Key, incident.DeclaredAt, ChangeLookBack, 50, ct)).ToList();
    }

    public async Task<Outcome<IReadOnlyList<AlertSummaryDto>>> ListAsync(string? status, int? incident, int limit, CancellationToken ct)
    {
        var page = await PageAsync(status, incident, 1, limit, ct);
        return page.IsOk ? page.Value!.Alerts.ToList() : new Outcome<IReadOnlyList<AlertSummaryDto>>(page.Kind, null, page.Error, page.FieldErrors);
    }

    public async Task<Outcome<AlertPage>> PageAsync(string? status, int? incident, int page, int pageSize, CancellationToken ct)
    {
        if (page < 1)
        {
            return Failure.Invalid("page", "page starts at 1.");
        }

        var query = db.Alerts.AsNoTracking();
        switch (status?.Trim().ToLowerInvariant())
        {
            case null or "" or "all":
                break;
            case "open":
                query = query.Where(a => a.OpenKey != null);
                break;
            case AlertStatus.Triggered or AlertStatus.Acknowledged or AlertStatus.Resolved:
                var s = status.Trim().ToLowerInvariant();
                query = query.Where(a => a.Status == s);
                break;
            default:
                return Failure.Invalid("status", $"Unknown status '{status}'. Use open, triggered, acknowledged, resolved or all.");
        }

        if (incident is { } number)
        {
            query = query.Where(a => a.Incident != null && a.Incident.Number == number);
        }

        var size = Math.Clamp(pageSize, 1, 1000);
        var total = await query.CountAsync(ct);

        // Id breaks ties in last-seen time, so that a page continues exactly where the one before it stopped.
        var alerts = await Project(query.OrderByDescending(a => a.LastSeenAt).ThenByDescending(a => a.Id)
            .Skip((int)Math.Min(((long)page - 1) * size, int.MaxValue)).Take(size)).ToListAsync(ct);
        return new AlertPage(alerts, total, page, size);
    }

    public async Task<Outcome<AlertDetailDto>> GetAsync(long id, CancellationToken ct)
    {
        var summary = await Project(db.Alerts.AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(ct);
        if (summary is null)
        {
            return Failure.NotFound($"No alert {id}.");
        }

        var alert = await db.Alerts.AsNoTracking().Include(a => a.Events).FirstAsync(a => a.Id == id, ct);
        return new AlertDetailDto(summary, alert.Labels, alert.Annotations, alert.DetailsJson, alert.LinksJson,
            [.. alert.Events.OrderBy(e => e.Id).Select(e => new AlertEventDto(e.Id, e.At, e.Action, e.Outcome, e.Summary))]);
    }

    private static IQueryable<AlertSummaryDto> Project(IQueryable<Alert> query) => query.Select(a => new AlertSummaryDto(
        a.Id, a.Integration!.Name, a.DedupKey, a.Status, a.Summary, a.Severity, a.SeverityKey, a.Source, a.FirstSeenAt, a.LastSeenAt,
        a.ResolvedAt, a.Occurrences, a.Incident == null ? null : a.Incident.Number, a.Incident == null ? null : a.Incident.Slug, a.SuppressedBy));
}
