using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Intake;

public sealed record AlertSummaryDto(
    long Id, string Integration, string DedupKey, string Status, string Summary, string Severity, string SeverityKey, string? Source,
    DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, DateTimeOffset? ResolvedAt, int Occurrences, int? IncidentNumber, string? IncidentSlug,
    string? SuppressedBy);

public sealed record AlertEventDto(long Id, DateTimeOffset At, string Action, string Outcome, string? Summary);

public sealed record AlertDetailDto(
    AlertSummaryDto Alert, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations,
    string? DetailsJson, string? LinksJson, IReadOnlyList<AlertEventDto> Events);

public sealed class AlertQueries(FirebreakDb db)
{
    public async Task<Outcome<IReadOnlyList<AlertSummaryDto>>> ListAsync(string? status, int? incident, int limit, CancellationToken ct)
    {
        var query = db.Alerts.AsNoTracking();
        switch (status?.Trim().ToLowerInvariant())
        {
            case null or "":
                break;
            case "open":
                query = query.Where(a => a.OpenKey != null);
                break;
            case AlertStatus.Triggered or AlertStatus.Acknowledged or AlertStatus.Resolved:
                var s = status.Trim().ToLowerInvariant();
                query = query.Where(a => a.Status == s);
                break;
            default:
                return Failure.Invalid("status", $"Unknown status '{status}'. Use open, triggered, acknowledged or resolved.");
        }

        if (incident is { } number)
        {
            query = query.Where(a => a.Incident != null && a.Incident.Number == number);
        }

        return await Project(query.OrderByDescending(a => a.LastSeenAt).Take(Math.Clamp(limit, 1, 1000))).ToListAsync(ct);
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
