using System.Globalization;
using System.Linq.Expressions;
using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Incidents;

/// <summary>Read models for incidents: lists with filters and the full incident page.</summary>
public sealed class IncidentReader(FirebreakDb db, SeverityCatalog severities, TimeProvider clock, IEnumerable<IIncidentLabelIndex> labelIndexes)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>Accepts 42, #42 and INC-42 as incident numbers; anything else is a slug.</summary>
    public static int? ParseNumber(string reference)
    {
        var r = reference.Trim().TrimStart('#');
        if (r.StartsWith("INC-", StringComparison.OrdinalIgnoreCase) && int.TryParse(r.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        return int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
    }

    public async Task<Outcome<IncidentListPage>> ListAsync(IncidentQuery q, CancellationToken ct)
    {
        var query = db.Incidents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Status))
        {
            var statuses = new List<IncidentStatus>();
            foreach (var s in q.Status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!IncidentStatusNames.TryParse(s, out var status))
                {
                    return Failure.Invalid("status", $"Unknown status '{s}'. Use one of: {IncidentStatusNames.AllWire}.");
                }

                statuses.Add(status);
            }

            query = query.Where(i => statuses.Contains(i.Status));
        }

        if (q.Open is { } open)
        {
            query = open
                ? query.Where(i => i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed)
                : query.Where(i => i.Status == IncidentStatus.Resolved || i.Status == IncidentStatus.Closed);
        }

        if (!string.IsNullOrWhiteSpace(q.Severity))
        {
            var keys = q.Severity.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            query = query.Where(i => keys.Contains(i.SeverityKey));
        }

        if (!string.IsNullOrWhiteSpace(q.Service))
        {
            var service = q.Service.Trim();
            query = query.Where(i => i.Service != null && i.Service.Key == service);
        }

        foreach (var term in IncidentSearch.Parse(q.Search))
        {
            query = Matching(query, term);
        }

        var limit = q.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return Failure.Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        var page = q.Page ?? 1;
        if (page < 1)
        {
            return Failure.Invalid("page", "page starts at 1.");
        }

        var total = await query.CountAsync(ct);
        var scheme = await severities.GetSchemeAsync(ct);

        // Open incidents first, most severe first, newest first: what needs attention now is at the top. Ordered by the
        // database so that every page continues where the one before it stopped.
        var rows = await query
            .OrderBy(i => i.Status == IncidentStatus.Resolved || i.Status == IncidentStatus.Closed ? 1 : 0)
            .ThenBy(SeverityRank(scheme))
            .ThenByDescending(i => i.Number)
            .Skip((int)Math.Min((long)(page - 1) * limit, int.MaxValue))
            .Take(limit)
            .Select(i => new
            {
                i.Number,
                i.Slug,
                i.Title,
                i.SeverityKey,
                i.Status,
                Service = i.Service == null ? null : i.Service.Key,
                i.IsDrill,
                i.DeclaredAt,
                i.UpdatedAt,
                Commander = i.Commander == null ? null : i.Commander.Username,
            })
            .ToListAsync(ct);
        var incidents = rows
            .Select(r => new IncidentSummary(r.Number, r.Slug, r.Title, r.SeverityKey, r.Status.ToWire(), r.Service, r.IsDrill, r.DeclaredAt, r.UpdatedAt, r.Commander))
            .ToList();
        return new IncidentListPage(incidents, total, page, limit);
    }

    // ToLower() here is SQL's lower() on both sides of a LIKE (see LikePattern), never .NET's culture-dependent one.
#pragma warning disable CA1304, CA1311, CA1862
    private IQueryable<Incident> Matching(IQueryable<Incident> query, IncidentSearchTerm term)
    {
        switch (term)
        {
            case IncidentSearchTerm.Number { AlsoText: null } n:
                return query.Where(i => i.Number == n.Value);
            case IncidentSearchTerm.Number n:
                var digits = LikePattern.Containing(n.AlsoText);
                return query.Where(i => i.Number == n.Value || EF.Functions.Like(i.Title.ToLower(), digits, LikePattern.Escape));
            case IncidentSearchTerm.Label label:
                var withLabel = labelIndexes.Select(x => x.IncidentsWithLabel(label.Key, label.Value)).FirstOrDefault();
                var service = label.Value.ToLowerInvariant();
                var isService = string.Equals(label.Key, "service", StringComparison.OrdinalIgnoreCase);

                // "service:payments" also finds incidents declared by hand on that service, which have no alerts.
                return withLabel is null
                    ? query.Where(i => isService && i.Service != null && i.Service.Key.ToLower() == service)
                    : query.Where(i => withLabel.Contains(i.Id) || (isService && i.Service != null && i.Service.Key.ToLower() == service));
            default:
                var text = LikePattern.Containing(((IncidentSearchTerm.Text)term).Value);
                return query.Where(i =>
                    EF.Functions.Like(i.Title.ToLower(), text, LikePattern.Escape)
                    || (i.Service != null && (EF.Functions.Like(i.Service.Key.ToLower(), text, LikePattern.Escape)
                        || EF.Functions.Like(i.Service.Name.ToLower(), text, LikePattern.Escape))));
        }
    }
#pragma warning restore CA1304, CA1311, CA1862

    /// <summary>The scheme's rank of an incident's severity, as SQL: the ranks live in configuration, not in a table.</summary>
    private static Expression<Func<Incident, int>> SeverityRank(SeverityScheme scheme)
    {
        var incident = Expression.Parameter(typeof(Incident), "i");
        var key = Expression.Property(incident, nameof(Incident.SeverityKey));
        Expression rank = Expression.Constant(int.MaxValue);
        foreach (var level in scheme.Levels.OrderByDescending(l => l.Rank))
        {
            rank = Expression.Condition(Expression.Equal(key, Expression.Constant(level.Key)), Expression.Constant(level.Rank), rank);
        }

        return Expression.Lambda<Func<Incident, int>>(rank, incident);
    }

    public async Task<Outcome<IncidentDetail>> GetAsync(string reference, CancellationToken ct)
    {
        var id = await db.Incidents.ByReference(reference).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct);
        return id is { } found
            ? await GetRequiredAsync(found, ct)
            : Failure.NotFound(IncidentReference.NotFound(reference));
    }

    public async Task<IncidentDetail> GetRequiredAsync(long id, CancellationToken ct)
    {
        var i = await db.Incidents.AsNoTracking()
            .Include(x => x.Service)
            .Include(x => x.Commander)
            .Include(x => x.TechLead)
            .Include(x => x.CommsLead)
            .Include(x => x.Scribe)
            .Include(x => x.Checklist)
            .AsSplitQuery()
            .FirstAsync(x => x.Id == id, ct);
        var timeline = await db.TimelineEntries.AsNoTracking()
            .Where(t => t.IncidentId == id)
            .OrderBy(t => t.Id)
            .Select(t => new TimelineEntryDto(t.Id, t.At, t.ActorKind, t.ActorName, t.Kind, t.Text))
            .ToListAsync(ct);
        var scheme = await severities.GetSchemeAsync(ct);
        var level = scheme.Find(i.SeverityKey);
        var targets = level?.Targets ?? ResponseTargets.None;
        var metrics = ResponseMetrics.Compute(i.Timestamps, clock.GetUtcNow());
        return new IncidentDetail(
            i.Number, i.Slug, i.Title, i.SeverityKey, level?.Name ?? i.SeverityKey, i.Status.ToWire(),
            i.Service?.Key, i.Service?.Name, i.Description, i.Impact, i.IsDrill,
            i.DeclaredAt, i.ImpactStartedAt, i.AcknowledgedAt, i.IdentifiedAt, i.MitigatedAt, i.ResolvedAt, i.ClosedAt, i.UpdatedAt,
            new Dictionary<string, RoleHolderDto?>
            {
                [IncidentRole.Commander.ToWire()] = Holder(i.Commander),
                [IncidentRole.TechLead.ToWire()] = Holder(i.TechLead),
                [IncidentRole.CommsLead.ToWire()] = Holder(i.CommsLead),
                [IncidentRole.Scribe.ToWire()] = Holder(i.Scribe),
            },
            new IncidentMetricsDto(Dto(metrics.Ttd), Dto(metrics.Tta, targets.AcknowledgeWithin, "not acknowledged")!,
                Dto(metrics.Ttm, targets.MitigateWithin, "not mitigated")!, Dto(metrics.Ttr)!),
            new TargetsDto(targets.AcknowledgeWithin?.TotalSeconds, targets.MitigateWithin?.TotalSeconds, targets.UpdateEvery?.TotalSeconds, targets.ReviewWithin?.TotalSeconds),
            [.. IncidentLifecycle.AllowedFrom(i.Status).Select(s => s.ToWire())],
            [.. i.Checklist.OrderBy(c => c.Position).Select(c => new ChecklistItemDto(c.Id, c.Text, c.Done, c.DoneBy, c.DoneAt))],
            timeline,
            i.Revision,
            i.AwaitingAcknowledgement,
            i.Resolution,
            i.TestSentBy);
    }

    private static RoleHolderDto? Holder(User? u) => u is null ? null : new RoleHolderDto(u.Username, u.DisplayName);

    private static MetricDto? Dto(MetricValue? m, TimeSpan? target = null, string notReached = "not reached") => m is null
        ? null
        : new MetricDto(m.Duration.TotalSeconds, m.Running, m.Reached || m.Running ? m.ToString() : notReached, m.Reached, target is { } t ? m.MetTarget(t) : null);
}
