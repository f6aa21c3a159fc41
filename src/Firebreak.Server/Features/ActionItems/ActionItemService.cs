using System.Globalization;
using Firebreak.Core.Incidents;
using Firebreak.Server.Features.Audit;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Incidents;
using Firebreak.Server.Http;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.ActionItems;

/// <summary>
/// Follow-ups: created from an incident (or its review), changed by anyone who responds, each change audited and, when
/// it opens or closes one, written on the incident's timeline so the incident tells what came of it.
/// </summary>
public sealed class ActionItemService(FirebreakDb db, AuditLog audit, TimeProvider clock, ActionItemOptions options, ActionItemWebhooks webhooks)
{
    private const int MaxAttempts = 3;

    public async Task<Outcome<ActionItemDto>> CreateAsync(Actor actor, CreateActionItemRequest request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryCreateAsync(actor, request, ct);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex) && attempt < MaxAttempts)
            {
                // Another node numbered one at the same moment; count again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Outcome<ActionItemDto>> TryCreateAsync(Actor actor, CreateActionItemRequest request, CancellationToken ct)
    {
        var source = request.Source ?? ActionItemSources.Incident;
        var invalid = ActionItemRules.Title(request.Title) ?? ActionItemRules.Priority(request.Priority) ?? ActionItemRules.Link(request.Link)
            ?? (source is ActionItemSources.Incident or ActionItemSources.Review ? null : Failure.Invalid("source", "Source is incident or review; drills add their own."))
            ?? (string.IsNullOrWhiteSpace(request.Incident) ? Failure.Invalid("incident", "Say which incident this follows up (its number, e.g. 42).") : null)
            ?? await OwnerProblemAsync(request.Owner, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        if (!ActionItemRules.TryDue(request.Due, out var due, out var dueProblem))
        {
            return dueProblem!;
        }

        var incident = await db.Incidents.ByReference(request.Incident!).FirstOrDefaultAsync(ct);
        if (incident is null)
        {
            return Failure.Invalid("incident", IncidentReference.NotFound(request.Incident!));
        }

        var now = clock.GetUtcNow();
        var number = await db.ActionItems.Where(a => a.Prefix == options.Prefix).MaxAsync(a => (int?)a.Number, ct) ?? 0;
        var item = new ActionItem
        {
            Key = $"{options.Prefix}-{number + 1}",
            Prefix = options.Prefix,
            Number = number + 1,
            Title = request.Title!.Trim(),
            Priority = (request.Priority ?? "P1").ToUpperInvariant(),
            Owner = NullIfEmpty(request.Owner),
            DueOn = due,
            Status = ActionItemStatus.Open,
            Source = source,
            IncidentId = incident.Id,
            Link = NullIfEmpty(request.Link),
            CreatedAt = now,
            CreatedBy = actor.Name,
            UpdatedAt = now,
        };
        db.ActionItems.Add(item);
        IncidentFactory.Touch(db, incident, actor, now, TimelineKind.ActionItem, $"Follow-up {item.Key} added: {item.Title}{Describe(item)}");
        audit.Record(actor, "action_item.create", Resource(item.Key), $"{item.Title}{Describe(item)}");
        var created = ToDto(item, incident.Number, Today());
        await webhooks.QueueAsync(db, ActionItemWebhooks.Created, created, [], now, ct);
        await db.SaveChangesAsync(ct);
        return created;
    }

    public async Task<Outcome<ActionItemDto>> UpdateAsync(Actor actor, string key, UpdateActionItemRequest request, CancellationToken ct)
    {
        var normal = key.Trim().ToUpperInvariant();
        var item = await db.ActionItems.FirstOrDefaultAsync(a => a.Key == normal, ct);
        if (item is null)
        {
            return NotFound(key);
        }

        var invalid = (request.Title is null ? null : ActionItemRules.Title(request.Title)) ?? ActionItemRules.Priority(request.Priority)
            ?? ActionItemRules.Status(request.Status) ?? ActionItemRules.Link(request.Link)
            ?? (string.IsNullOrEmpty(request.Owner) ? null : await OwnerProblemAsync(request.Owner, ct));
        if (invalid is not null)
        {
            return invalid;
        }

        DateOnly? due = null;
        if (request.Due is not null && !ActionItemRules.TryDue(request.Due, out due, out var dueProblem))
        {
            return dueProblem!;
        }

        var changes = new List<string>();
        var moved = new List<ActionItemChange>();
        void Change<T>(string name, T before, T after, Action<T> set)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                set(after);
                changes.Add($"{name} {Text(before)} → {Text(after)}");
                moved.Add(new(name, before is null ? null : Text(before), after is null ? null : Text(after)));
            }
        }

        if (request.Title is not null)
        {
            Change("title", item.Title, request.Title.Trim(), v => item.Title = v);
        }

        if (request.Priority is not null)
        {
            Change("priority", item.Priority, request.Priority.ToUpperInvariant(), v => item.Priority = v);
        }

        if (request.Owner is not null)
        {
            Change("owner", item.Owner, NullIfEmpty(request.Owner), v => item.Owner = v);
        }

        if (request.Due is not null)
        {
            Change("due", item.DueOn, due, v => item.DueOn = v);
        }

        if (request.Link is not null)
        {
            Change("link", item.Link, NullIfEmpty(request.Link), v => item.Link = v);
        }

        var wasClosed = ActionItemStatus.IsClosed(item.Status);
        if (request.Status is not null)
        {
            Change("status", item.Status, request.Status, v => item.Status = v);
        }

        var now = clock.GetUtcNow();
        if (changes.Count > 0)
        {
            item.UpdatedAt = now;
            var closed = ActionItemStatus.IsClosed(item.Status);
            item.ClosedAt = closed ? item.ClosedAt ?? now : null;
            if (closed != wasClosed && item.IncidentId is { } incidentId
                && await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, ct) is { } incident)
            {
                var what = closed ? (item.Status == ActionItemStatus.Done ? "done" : "won't be done") : "reopened";
                IncidentFactory.Touch(db, incident, actor, now, TimelineKind.ActionItem, $"Follow-up {item.Key} {what}: {item.Title}");
            }

            audit.Record(actor, "action_item.update", Resource(item.Key), string.Join("; ", changes));
            await webhooks.QueueAsync(db, ActionItemWebhooks.Updated, ToDto(item, await IncidentNumberAsync(item.IncidentId, ct), Today()), moved, now, ct);
            await db.SaveChangesAsync(ct);
        }

        var number = await IncidentNumberAsync(item.IncidentId, ct);
        return ToDto(item, number, Today());
    }

    public async Task<Outcome<ActionItemDto>> GetAsync(string key, CancellationToken ct)
    {
        var normal = key.Trim().ToUpperInvariant();
        var item = await db.ActionItems.AsNoTracking().FirstOrDefaultAsync(a => a.Key == normal, ct);
        return item is null ? NotFound(key) : ToDto(item, await IncidentNumberAsync(item.IncidentId, ct), Today());
    }

    public const int PageSize = 50;

    /// <summary>Open ones first, soonest due first; <paramref name="all"/> returns every match instead of one page (for export).</summary>
    public async Task<Outcome<ActionItemPage>> ListAsync(ActionItemQuery query, CancellationToken ct, bool all = false)
    {
        var items = db.ActionItems.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            var owner = query.Owner.Trim();
            items = items.Where(a => a.Owner == owner);
        }

        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            var team = query.Team.Trim();
            if (!await db.Set<Catalog.Team>().AnyAsync(t => t.Key == team, ct))
            {
                return Failure.Invalid("team", $"No team '{team}'.");
            }

            var members = db.Set<Catalog.Team>().Where(t => t.Key == team).SelectMany(t => t.Members).Select(u => u.Username);
            items = items.Where(a => a.Owner != null && members.Contains(a.Owner));
        }

        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var statuses = query.Status.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (statuses.FirstOrDefault(s => ActionItemRules.Status(s) is not null) is { } bad)
            {
                return ActionItemRules.Status(bad)!;
            }

            items = items.Where(a => statuses.Contains(a.Status));
        }

        var today = Today();
        if (query.Overdue is { } overdue)
        {
            items = overdue
                ? items.Where(a => a.DueOn != null && a.DueOn < today && a.Status != ActionItemStatus.Done && a.Status != ActionItemStatus.WontDo)
                : items.Where(a => a.DueOn == null || a.DueOn >= today || a.Status == ActionItemStatus.Done || a.Status == ActionItemStatus.WontDo);
        }

        if (!string.IsNullOrWhiteSpace(query.Incident))
        {
            var incidentId = await db.Incidents.ByReference(query.Incident).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct);
            if (incidentId is null)
            {
                return Failure.Invalid("incident", IncidentReference.NotFound(query.Incident));
            }

            items = items.Where(a => a.IncidentId == incidentId);
        }

        var page = Math.Max(1, query.Page ?? 1);
        var total = await items.CountAsync(ct);
        var ordered = items
            .OrderBy(a => a.Status == ActionItemStatus.Done || a.Status == ActionItemStatus.WontDo)
            .ThenBy(a => a.DueOn == null)
            .ThenBy(a => a.DueOn)
            .ThenBy(a => a.Id);
        var rows = await (all ? ordered : ordered.Skip((page - 1) * PageSize).Take(PageSize))
            .Select(a => new { Item = a, Number = db.Set<Incident>().Where(i => i.Id == a.IncidentId).Select(i => (int?)i.Number).FirstOrDefault() })
            .ToListAsync(ct);
        return new ActionItemPage([.. rows.Select(r => ToDto(r.Item, r.Number, today))], total, page, PageSize);
    }

    /// <summary>Overdue is judged by the UTC date: a follow-up due on the 15th is overdue from the 16th, 00:00 UTC.</summary>
    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private async Task<Failure?> OwnerProblemAsync(string? owner, CancellationToken ct) =>
        string.IsNullOrEmpty(owner) || await db.Users.AnyAsync(u => u.Username == owner && !u.Disabled, ct)
            ? null
            : Failure.Invalid("owner", $"No active user '{owner}'; the owner is a username, e.g. kofi.");

    private async Task<int?> IncidentNumberAsync(long? incidentId, CancellationToken ct) =>
        incidentId is null ? null : await db.Incidents.Where(i => i.Id == incidentId).Select(i => (int?)i.Number).FirstOrDefaultAsync(ct);

    private static ActionItemDto ToDto(ActionItem a, int? incident, DateOnly today) => new(
        a.Key, a.Title, a.Priority, a.Owner, a.DueOn, a.Status,
        a.DueOn is { } due && due < today && !ActionItemStatus.IsClosed(a.Status),
        a.Source, incident, a.Link, a.CreatedAt, a.CreatedBy, a.UpdatedAt, a.ClosedAt);

    private static string Describe(ActionItem item)
    {
        var parts = new List<string> { item.Priority };
        if (item.Owner is not null)
        {
            parts.Add($"owner {item.Owner}");
        }

        if (item.DueOn is { } due)
        {
            parts.Add($"due {due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        return $" ({string.Join(", ", parts)})";
    }

    private static string Text<T>(T value) => value switch
    {
        null => "(none)",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Resource(string key) => $"action-item/{key}";

    private static Failure NotFound(string key) => Failure.NotFound($"No follow-up '{key}'. Keys look like FB-12; `firebreak action list` shows them.");
}
