using Firebreak.Core.Incidents;
using Firebreak.Core.Severity;
using Firebreak.Server.Features.Auth;
using Firebreak.Server.Features.Catalog;
using Firebreak.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Firebreak.Server.Features.Incidents;

public sealed record NewIncident(
    string Title,
    SeverityLevel Level,
    Service? Service,
    string? Description = null,
    string? Impact = null,
    DateTimeOffset? ImpactStartedAt = null,
    User? Commander = null,
    bool IsDrill = false,
    string? AlertGroupKey = null,
    string? OpenedBy = null);

/// <summary>
/// Builds new incidents (number, slug, checklist, first timeline entries) and applies status changes, for every path
/// that creates or moves incidents: manual declaration and alert intake alike. Nothing here saves.
/// </summary>
public static class IncidentFactory
{
    /// <summary>
    /// Incident creation on one node takes numbers one at a time so local writers never collide; unique indexes plus a
    /// retry settle races between nodes sharing a PostgreSQL database.
    /// </summary>
    public static SemaphoreSlim NumberingGate { get; } = new(1, 1);

    public static async Task<Incident> AddAsync(FirebreakDb db, NewIncident spec, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<Incident>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var number = Math.Max(await db.Incidents.MaxAsync(i => (int?)i.Number, ct) ?? 0, pending.Select(i => i.Number).DefaultIfEmpty(0).Max()) + 1;
        var baseSlug = IncidentSlug.Create(now, spec.Title);
        var taken = await db.Incidents.Where(i => i.Slug.StartsWith(baseSlug)).Select(i => i.Slug).ToListAsync(ct);
        taken.AddRange(pending.Select(i => i.Slug));
        var incident = new Incident
        {
            Number = number,
            Slug = IncidentSlug.Unique(baseSlug, taken.Contains),
            Title = spec.Title,
            Description = spec.Description,
            Impact = spec.Impact,
            SeverityKey = spec.Level.Key,
            ServiceId = spec.Service?.Id,
            Status = IncidentStatus.Triggered,
            IsDrill = spec.IsDrill,
            DeclaredById = actor.UserId,
            DeclaredAt = now,
            ImpactStartedAt = spec.ImpactStartedAt?.ToUniversalTime(),
            UpdatedAt = now,
            CommanderId = spec.Commander?.Id,
            AlertGroupKey = spec.AlertGroupKey,
            LastAlertAt = spec.AlertGroupKey is null ? null : now,
            Checklist = [.. spec.Level.Checklist.Select((text, i) => new ChecklistItem { Position = i, Text = text })],
        };
        var service = spec.Service is null ? "" : $" (service {spec.Service.Key})";
        incident.Timeline.Add(Entry(actor, now, TimelineKind.Declared, spec.OpenedBy is null
            ? $"Declared {spec.Level.Key} incident: {spec.Title}{service}"
            : $"Opened {spec.Level.Key} incident from {spec.OpenedBy}: {spec.Title}{service}"));
        if (spec.Commander is not null)
        {
            incident.Timeline.Add(Entry(actor, now, TimelineKind.RoleAssigned, $"{spec.Commander.DisplayName} is commander"));
        }

        db.Incidents.Add(incident);
        await Escalation.Escalations.StartAsync(db, incident, spec.Service, now, ct);
        return incident;
    }

    /// <summary>Moves an incident to <paramref name="to"/> and writes the timeline entry; returns why not, if not allowed.</summary>
    public static string? ChangeStatus(FirebreakDb db, Incident incident, IncidentStatus to, Actor actor, DateTimeOffset now, string? note = null)
    {
        var from = incident.Status;
        var result = IncidentLifecycle.Transition(from, to, incident.Timestamps, now);
        if (!result.Ok)
        {
            return result.Error;
        }

        incident.Status = to;
        incident.Apply(result.Stamps!);
        var verb = from == IncidentStatus.Triggered && to == IncidentStatus.Investigating ? "Acknowledged" : "Status";
        var text = $"{verb}: {from.ToWire()} → {to.ToWire()}";
        if (!string.IsNullOrWhiteSpace(note))
        {
            text += $" — {note.Trim()}";
        }

        Touch(db, incident, actor, now, TimelineKind.StatusChanged, text);
        return null;
    }

    /// <summary>Records a change on an incident: bumps its revision and appends the timeline entry.</summary>
    public static void Touch(FirebreakDb db, Incident incident, Actor actor, DateTimeOffset now, string kind, string text)
    {
        incident.UpdatedAt = now;
        incident.Revision++;
        var entry = Entry(actor, now, kind, text, incident.Id);
        if (incident.Id == 0)
        {
            incident.Timeline.Add(entry);
        }
        else
        {
            db.TimelineEntries.Add(entry);
        }
    }

    public static TimelineEntry Entry(Actor actor, DateTimeOffset at, string kind, string text, long incidentId = 0) => new()
    {
        IncidentId = incidentId,
        At = at,
        ActorKind = actor.Kind,
        ActorUserId = actor.UserId,
        ActorName = actor.Name,
        Kind = kind,
        Text = text,
    };
}
