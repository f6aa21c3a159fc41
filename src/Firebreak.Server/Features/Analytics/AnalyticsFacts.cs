using Firebreak.Core.Analytics;
using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.ActionItems;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Features.Notifications;
using Firebreak.Server.Features.Reviews;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Analytics;

/// <summary>
/// Reads what analytics counts from the incident, timeline, review, notification and action-item tables: a few plain
/// queries bounded by the period (at most <see cref="AnalyticsQueryRules.MaxSpan"/>); grouping is done in memory
/// because SQLite translates little of it.
/// </summary>
public sealed class AnalyticsFacts(FirebreakDb db)
{
    // What stakeholders read as an update, as the incident page's response clock counts them.
    private static readonly string[] s_updateKinds = [TimelineKind.Note, TimelineKind.StatusChanged, TimelineKind.SeverityChanged];

    /// <param name="inPeriod">False for every incident the other filters select, whenever it was declared.</param>
    public IQueryable<Incident> Incidents(AnalyticsFilter filter, bool inPeriod = true)
    {
        var (from, to) = (filter.Period.From, filter.Period.To);
        var query = db.Set<Incident>().AsNoTracking();
        if (inPeriod)
        {
            query = query.Where(i => i.DeclaredAt >= from && i.DeclaredAt < to);
        }
        if (!filter.Drills)
        {
            query = query.Where(i => !i.IsDrill);
        }

        if (!filter.Tests)
        {
            query = query.Where(i => i.TestSentBy == null);
        }

        if (filter.Severity is { } severity)
        {
            query = query.Where(i => i.SeverityKey == severity);
        }

        if (filter.Service is { } service)
        {
            query = query.Where(i => i.Service!.Key == service);
        }

        if (filter.Team is { } team)
        {
            query = query.Where(i => i.Service!.OwnerTeam!.Key == team);
        }

        return query;
    }

    public async Task<IReadOnlyList<IncidentFacts>> IncidentsAsync(AnalyticsFilter filter, SeverityScheme scheme, CancellationToken ct)
    {
        var incidents = Incidents(filter);
        var rows = await incidents.Select(i => new
        {
            i.Id,
            i.Number,
            i.SeverityKey,
            Service = i.Service!.Key,
            Team = i.Service!.OwnerTeam!.Key,
            i.Resolution,
            i.DeclaredAt,
            i.ImpactStartedAt,
            i.AcknowledgedAt,
            i.IdentifiedAt,
            i.MitigatedAt,
            i.ResolvedAt,
            i.ClosedAt,
        }).ToListAsync(ct);
        var updates = (await db.Set<TimelineEntry>().AsNoTracking()
            .Where(t => s_updateKinds.Contains(t.Kind))
            .Join(incidents, t => t.IncidentId, i => i.Id, (t, i) => new { t.IncidentId, t.At })
            .ToListAsync(ct)).ToLookup(t => t.IncidentId, t => t.At);
        var reviews = (await db.Set<Review>().AsNoTracking()
            .Join(incidents, r => r.IncidentId, i => i.Id, (r, i) => new { r.IncidentId, r.DueAt, r.PublishedAt })
            .ToListAsync(ct)).ToDictionary(r => r.IncidentId);
        return [.. rows.Select(r => new IncidentFacts(
            r.Number, r.SeverityKey, r.Service, r.Team,
            new IncidentTimestamps(r.DeclaredAt, r.ImpactStartedAt, r.AcknowledgedAt, r.IdentifiedAt, r.MitigatedAt, r.ResolvedAt, r.ClosedAt),
            r.Resolution == IncidentResolutions.FalsePositive,
            scheme.Find(r.SeverityKey)?.Targets ?? ResponseTargets.None,
            [.. updates[r.Id]],
            reviews.GetValueOrDefault(r.Id)?.DueAt,
            reviews.GetValueOrDefault(r.Id)?.PublishedAt))];
    }

    /// <summary>
    /// One page per incident, person and cause (every channel, retry and fallback of it counts once), at its first
    /// delivery's due time; pages cancelled before going out (acknowledged first) woke nobody and are left out.
    /// </summary>
    public async Task<IReadOnlyList<PageFacts>> PagesAsync(AnalyticsFilter filter, CancellationToken ct)
    {
        var rows = await db.Set<NotificationDelivery>().AsNoTracking()
            .Where(d => d.Status != DeliveryStatus.Cancelled)
            .Join(Incidents(filter), d => d.IncidentId, i => i.Id, (d, i) => new { d.IncidentId, d.UserId, d.Username, d.Cause, d.DueAt })
            .Join(db.Set<User>(), d => d.UserId, u => u.Id, (d, u) => new { d.IncidentId, d.Username, d.Cause, d.DueAt, u.TimeZone })
            .ToListAsync(ct);
        return [.. rows.GroupBy(r => (r.IncidentId, r.Username, r.Cause))
            .Select(g => new PageFacts(g.Key.Username, g.First().TimeZone, g.Min(r => r.DueAt)))];
    }

    /// <summary>
    /// Follow-ups opened or closed in the period, or open and overdue now. With a severity, service or team filter,
    /// only those of the incidents it selects; drill follow-ups only when drills are asked for.
    /// </summary>
    public async Task<IReadOnlyList<ActionItemFacts>> ActionItemsAsync(AnalyticsFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var (from, to) = (filter.Period.From, filter.Period.To);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var items = db.Set<ActionItem>().AsNoTracking()
            .Where(a => (a.CreatedAt >= from && a.CreatedAt < to) || (a.ClosedAt >= from && a.ClosedAt < to) || (a.ClosedAt == null && a.DueOn < today));
        if (!filter.Drills)
        {
            items = items.Where(a => a.Source != ActionItemSources.Drill);
        }

        if (filter.Severity is not null || filter.Service is not null || filter.Team is not null || !filter.Drills || !filter.Tests)
        {
            // Judged over every incident, not just the period's: a follow-up closed today may come from last quarter.
            var counted = Incidents(filter, inPeriod: false).Select(i => i.Id);
            var anyIncidentFilter = filter.Severity is not null || filter.Service is not null || filter.Team is not null;
            items = items.Where(a => a.IncidentId == null ? !anyIncidentFilter : counted.Contains(a.IncidentId.Value));
        }

        return await items.Select(a => new ActionItemFacts(a.CreatedAt, a.ClosedAt, a.DueOn)).ToListAsync(ct);
    }
}
